/**
 * Headless Chromium for the Splunk Web page tests: the system browser (scripts/lib/chromium.mjs:
 * CHROMIUM_PATH, chromium, chromium-browser, google-chrome; with CI=true a missing browser throws)
 * driven by puppeteer-core, and one page per test that records console errors, failed page scripts
 * and Content-Security-Policy violations.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_SKIP_REASON, chromiumLaunchOptions, findChromium } from '../../../scripts/lib/chromium.mjs';
import { startSplunkWebStandIn, type StandIn, type StandInOptions } from '../../../scripts/lib/splunk-web-stand-in.mjs';

/** Repository root. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** The system Chromium, or null (with the reason printed once) when the browser tests skip. */
export const chromium = findChromium();
if (!chromium) console.warn(CHROMIUM_SKIP_REASON);

/** `describe` when a browser is there, else `describe.skip`. */
export const describeInBrowser = chromium ? describe : describe.skip;

/** The page bundles exist (`npm test` builds them; a bare `npx jest` after a clean checkout does not). */
export function assertBundlesBuilt(): void {
  for (const file of ['idetunnel_setup.js', 'idetunnel_allowlist.js', 'idetunnel_pages.css']) {
    if (!existsSync(join(REPO_ROOT, 'appserver', 'static', file))) throw new Error(`appserver/static/${file} is missing: run \`npm run build\` first`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({ ...chromiumLaunchOptions(chromium as string, { width: 1280, height: 900 }), defaultViewport: { width: 1280, height: 900 } });
}

/** A page plus the problems the browser reported while it ran. */
export interface WatchedPage {
  page: Page;
  /** console errors, uncaught exceptions and CSP violations, in order. */
  problems: string[];
}

export async function openPage(browser: Browser, url: string, waitFor: string): Promise<WatchedPage> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${String(error)}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector(waitFor, { timeout: 15_000 });
  return { page, problems };
}

/** Text of the first element matching `selector` ('' when none). */
export async function textOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim()).catch(() => '');
}

/** A view opened in the browser from a fresh stand-in Splunk Web. */
export interface OpenedView extends WatchedPage {
  standIn: StandIn;
}

/**
 * One browser per test file (launched in beforeAll, closed in afterAll) and `open()`, which starts a
 * stand-in Splunk Web and opens one of its views; both are closed after each test.
 */
export function viewSession(): { open(options: StandInOptions, view: string, waitFor: string, beforeLoad?: (standIn: StandIn) => void): Promise<OpenedView> } {
  let browser: Browser | undefined;
  let current: OpenedView | undefined;
  beforeAll(async () => {
    assertBundlesBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const opened = current;
    current = undefined;
    // A page still busy after 10 s (a loaded CI machine) is left to afterAll's browser.close().
    await Promise.race([opened?.page.close(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    await opened?.standIn.close();
  });
  return {
    async open(options, view, waitFor, beforeLoad) {
      const standIn = await startSplunkWebStandIn(options);
      beforeLoad?.(standIn);
      const opened = await openPage(browser as Browser, standIn.viewUrl(view), waitFor).catch(async (error: unknown) => {
        await standIn.close();
        throw error;
      });
      current = { ...opened, standIn };
      return current;
    },
  };
}
