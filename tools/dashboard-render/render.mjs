#!/usr/bin/env node
/**
 * Render check of the app's Dashboard Studio views (issue 17).
 *
 * Renders every `<dashboard version="2">` view of default/data/ui/views with @splunk/dashboard-core
 * (the 29.6.0 set pinned in this folder's package.json) in headless Chromium, each data source
 * replaced by a ds.test holding rows computed from the demo data scored by the real command
 * (fixtures/<view>.mjs; `_internal` panels from fixtures/internal-samples.json). Every tab is
 * rendered, checked and saved as docs/screenshots/<view>--<tab>.png.
 *
 * Fails (exit 1) on: a view without a fixture, a data source without rows that the fixture does not
 * list in expectedEmpty, fixture columns that differ from the columns the data source's SPL ends
 * with (src/splOutput.ts), a visualization showing an error or no data, a console error or uncaught
 * page error not in known-console-messages.json, a request outside its allowedRequests, and the DOM
 * checks of lib/pageChecks.js (cell overflow without ellipsis, rows over two lines, headers broken
 * inside a word or cut short). A fixture may list `acceptedProblems` ({ viz, check, why }): they are
 * printed with their reason and do not fail the check.
 *
 * Usage: npm run check [-- --view <name>] [-- --no-screenshots]   (after the root `npm run build`)
 * Browser: scripts/lib/chromium.mjs (CI=true and no Chromium: error; elsewhere: skip, exit 0).
 */
/* global document -- the page.evaluate callbacks below run in the browser */
import puppeteer from 'puppeteer-core';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findChromium, chromiumLaunchOptions, CHROMIUM_SKIP_REASON } from '../../scripts/lib/chromium.mjs';
import { nodeEntry, scoredDemoEvents, scoredIdentityEvents } from './lib/demo.mjs';
import { dashboardStudioViews, testDefinition } from './lib/views.mjs';
import { serve } from './lib/server.mjs';
import { bundlePage } from './lib/bundle.mjs';
import { pageChecks } from './lib/pageChecks.js';
import { SELF_TEST_EXPECTED, selfTestDefinition } from './lib/selfTest.mjs';

const repo = resolve(import.meta.dirname, '../..');
const cacheDir = join(import.meta.dirname, '.cache');
const screenshotDir = join(repo, 'docs/screenshots');
const args = process.argv.slice(2);
const onlyView = args.includes('--view') ? args[args.indexOf('--view') + 1] : undefined;
const screenshots = !args.includes('--no-screenshots');
const known = JSON.parse(readFileSync(join(import.meta.dirname, 'known-console-messages.json'), 'utf8'));
const allowedMessage = (text) => known.allowed.some((a) => new RegExp(a.pattern).test(text));
const allowedRequest = (text) => known.allowedRequests.some((a) => new RegExp(a.pattern).test(text));
/** Width the grid layouts are designed for (1440) plus the page margins. */
const VIEWPORT_WIDTH = 1480;
/**
 * Loading the 29 MB page takes 2-5 s on an idle 2-core machine; 30 s (puppeteer's default) was
 * exceeded once with the machine's load average at 22. Generous, but still catches a hang.
 */
const NAVIGATION_TIMEOUT_MS = 180000;
/** Inputs bar and tab bar above the layout, in CSS pixels. */
const CHROME_HEIGHT = 200;

const results = [];
const record = (name, problems, accepted = []) => {
  results.push({ name, problems });
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}`);
  for (const p of problems) console.log(`       ${p}`);
  for (const p of accepted) console.log(`       accepted (${p.why}): ${p.text}`);
};

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Splunk Web's page configuration (window.$C, normally from /config?autoload=1): with SPLUNKD_PATH
 * set, @splunk/splunk-utils reports Splunk Web as available and the time range picker draws its
 * presets instead of "Cannot access splunkweb.". SERVER_ZONEINFO is Splunk's serialized form of UTC.
 */
const SPLUNK_WEB_CONFIG = { LOCALE: 'en-US', SPLUNKD_PATH: '/en-US/splunkd/__raw', MRSPARKLE_ROOT_PATH: '', APP: 'idetunnel', USERNAME: 'analyst', SERVER_ZONEINFO: '### SERIALIZED TIMEZONE FORMAT 1.0;Y0 NW 55 54 43;$' };

const html = (definition) =>
  '<!doctype html><html><head><meta charset="utf-8"><title>render check</title><link rel="stylesheet" href="/page.css">' +
  '<style>html,body,#root{margin:0;height:100%;background:#000}</style></head><body><div id="root"></div>' +
  `<script>window.$C=${JSON.stringify(SPLUNK_WEB_CONFIG)};window.__DEFINITION__=${JSON.stringify(definition).replace(/</g, '\\u003c')}</script><script src="/page.js"></script></body></html>`;

/** Waits until the page stops changing: no running animations and the same DOM size for 1 s (at most 90 s). */
async function settle(page) {
  const started = Date.now();
  let last = '';
  let stableSince = Date.now();
  while (Date.now() - started < 90000) {
    const state = await page.evaluate(() => `${document.getAnimations().length}:${document.body.innerHTML.length}:${document.querySelectorAll('[data-test="viz-item"] svg, [data-test="row"]').length}`);
    if (state !== last || !state.startsWith('0:')) {
      last = state;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 1000) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the page did not settle within 90 s');
}

async function main() {
  const chromium = findChromium();
  if (!chromium) {
    console.log(`render check skipped: ${CHROMIUM_SKIP_REASON}`);
    return 0;
  }
  const t0 = Date.now();
  const views = dashboardStudioViews(repo).filter((v) => !onlyView || v.name === onlyView);
  if (views.length === 0) throw new Error(onlyView ? `no Dashboard Studio view named ${onlyView}` : 'no Dashboard Studio views found');
  const [events, page, { dataSourceColumns }] = await Promise.all([scoredDemoEvents(repo, cacheDir), bundlePage(cacheDir), nodeEntry('splOutput', cacheDir)]);
  const identityEvents = await scoredIdentityEvents(repo, cacheDir);
  console.log(`demo: ${events.length} events scored by bin/idetunnelscore.js; page bundle ${(page.js.length / 1e6).toFixed(1)} MB (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const files = new Map([
    ['/page.js', { type: 'text/javascript; charset=utf-8', body: page.js }],
    ['/page.css', { type: 'text/css; charset=utf-8', body: page.css }],
    ['/self-test.html', { type: 'text/html; charset=utf-8', body: html(selfTestDefinition) }],
  ]);
  const plans = [];
  for (const view of views) {
    const fixtureFile = join(import.meta.dirname, 'fixtures', `${view.name}.mjs`);
    if (!existsSync(fixtureFile)) {
      record(`${view.name}: fixture`, [`no fixtures/${view.name}.mjs: every Dashboard Studio view needs ds.test data for its data sources`]);
      continue;
    }
    const fixture = await import(fixtureFile);
    const data = fixture.dataSources({ events, identityEvents });
    const empty = Object.entries(data).filter(([id]) => id in view.definition.dataSources).filter(([id, d]) => (d.columns[0]?.length ?? 0) === 0 && !fixture.expectedEmpty.includes(id)).map(([id]) => `data source ${id} has no rows on the demo data`);
    let definition;
    try {
      definition = testDefinition(view.definition, data, fixture.tokens({ events }));
    } catch (error) {
      record(`${view.name}: data`, [error.message]);
      continue;
    }
    record(`${view.name}: every data source has demo rows`, empty);
    const columns = dataSourceColumns(repo, view.definition);
    const differing = Object.entries(columns)
      .filter(([id, spl]) => spl && JSON.stringify(spl) !== JSON.stringify(data[id].fields.map((f) => f.name)))
      .map(([id, spl]) => `${id}: the SPL ends with columns ${spl.join(', ')}; the fixture gives ${data[id].fields.map((f) => f.name).join(', ')}`);
    record(`${view.name}: fixture columns are the SPL's output columns (${Object.values(columns).filter(Boolean).length} tables compared)`, differing);
    files.set(`/${view.name}.html`, { type: 'text/html; charset=utf-8', body: html(definition) });
    const layout = view.definition.layout;
    const tabHeights = (layout.tabs?.items ?? [{ layoutId: Object.keys(layout.layoutDefinitions)[0] }]).map((t) => (layout.layoutDefinitions[t.layoutId]?.options?.height ?? 900) + CHROME_HEIGHT);
    plans.push({ view, tabHeights, fixture });
  }

  const server = await serve(files);
  const browser = await puppeteer.launch(chromiumLaunchOptions(chromium, { width: VIEWPORT_WIDTH, height: 1000 }));
  try {
    if (screenshots) mkdirSync(screenshotDir, { recursive: true });
    const probe = await browser.newPage();
    await probe.setViewport({ width: VIEWPORT_WIDTH, height: 700 });
    await probe.goto(`${server.url}/self-test.html`, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
    await probe.waitForSelector('[data-test="viz-item"]', { timeout: NAVIGATION_TIMEOUT_MS });
    await settle(probe);
    const found = new Set((await probe.evaluate(pageChecks)).map((p) => p.check));
    record(`self-test: the DOM checks fire on a badly laid out table (fired: ${[...found].join(', ')})`, SELF_TEST_EXPECTED.filter((c) => !found.has(c)).map((c) => `check "${c}" did not fire`));
    await probe.close();
    for (const { view, tabHeights, fixture } of plans) {
      const tab = await browser.newPage();
      const consoleProblems = [];
      tab.on('console', (m) => {
        if (m.type() === 'error' && !allowedMessage(m.text())) consoleProblems.push(`console error: ${m.text().slice(0, 200)}`);
      });
      tab.on('pageerror', (e) => consoleProblems.push(`uncaught page error: ${e.message.slice(0, 200)}`));
      await tab.emulateTimezone('UTC'); // the fixtures format times in UTC (lib/spl.mjs strftime)
      await tab.setViewport({ width: VIEWPORT_WIDTH, height: tabHeights[0] });
      const requestsBefore = server.unknown.length;
      await tab.goto(`${server.url}/${view.name}.html`, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
      await tab.waitForSelector('[data-test="viz-item"]', { timeout: NAVIGATION_TIMEOUT_MS });
      const tabLabels = await tab.$$eval('[data-test="tab"]', (els) => els.map((e) => e.textContent.trim()));
      for (const [i, label] of (tabLabels.length ? tabLabels : [view.definition.title]).entries()) {
        if (tabLabels.length) await tab.evaluate((n) => document.querySelectorAll('[data-test="tab"]')[n].click(), i);
        await tab.setViewport({ width: VIEWPORT_WIDTH, height: tabHeights[i] ?? tabHeights[0] });
        await tab.evaluate(() => document.activeElement?.blur());
        await settle(tab);
        const problems = await tab.evaluate(pageChecks);
        const acceptedBy = (p) => fixture.acceptedProblems?.find((a) => a.viz === p.viz && a.check === p.check);
        record(
          `${view.name} / ${label}`,
          problems.filter((p) => !acceptedBy(p)).map((p) => `${p.viz}: ${p.check}: ${p.detail}`),
          problems.filter(acceptedBy).map((p) => ({ text: `${p.viz}: ${p.check}: ${p.detail}`, why: acceptedBy(p).why })),
        );
        if (screenshots && fixture.screenshot !== false) await tab.screenshot({ path: join(screenshotDir, `${view.name}--${slug(label)}.png`) });
      }
      const unexpected = server.unknown.slice(requestsBefore).filter((r) => !allowedRequest(r));
      record(`${view.name}: console and requests`, [...consoleProblems, ...unexpected.map((r) => `request the render check does not serve: ${r}`)]);
      await tab.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const failed = results.filter((r) => r.problems.length).length;
  console.log(`render check: ${((Date.now() - t0) / 1000).toFixed(1)} s${screenshots ? `, screenshots in ${screenshotDir}` : ''}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`render check: ${error.stack ?? error}`);
    process.exit(2);
  },
);
