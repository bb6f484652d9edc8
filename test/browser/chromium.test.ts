/**
 * scripts/lib/chromium.mjs: where the system Chromium is found, the CI policy when it is missing,
 * and that the launch switches start a real headless browser as this (possibly root) user.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHROMIUM_ARGS,
  CHROMIUM_SKIP_REASON,
  ChromiumMissingError,
  chromiumLaunchOptions,
  findChromium,
  isCI,
  locateChromium,
} from '../../scripts/lib/chromium.mjs';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'idetunnel-chromium-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake browser program: an executable shell script in its own PATH folder. */
function fakeProgram(folder: string, name: string, executable = true): string {
  const path = join(dir, folder, name);
  execFileSync('mkdir', ['-p', join(dir, folder)]);
  writeFileSync(path, '#!/bin/sh\necho fake\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

describe('locateChromium', () => {
  it('prefers CHROMIUM_PATH when it names an executable file', () => {
    const path = fakeProgram('explicit', 'my-chrome');
    const onPath = fakeProgram('p1', 'chromium');
    expect(locateChromium({ CHROMIUM_PATH: path, PATH: join(dir, 'p1') })).toBe(path);
    expect(onPath).toContain('p1');
  });

  it('throws (not skips) when CHROMIUM_PATH names something that cannot run', () => {
    const path = fakeProgram('noexec', 'chromium', false);
    expect(() => locateChromium({ CHROMIUM_PATH: path, PATH: '' })).toThrow(ChromiumMissingError);
    expect(() => locateChromium({ CHROMIUM_PATH: join(dir, 'absent'), PATH: '' })).toThrow(/CHROMIUM_PATH=.*absent is not an executable file/);
  });

  it('searches PATH for chromium, then chromium-browser, then google-chrome', () => {
    const browser = fakeProgram('p2', 'chromium-browser');
    const chrome = fakeProgram('p3', 'google-chrome');
    expect(locateChromium({ PATH: [join(dir, 'p3'), join(dir, 'p2')].join(':') })).toBe(browser);
    expect(locateChromium({ PATH: join(dir, 'p3') })).toBe(chrome);
  });

  it('skips a PATH entry that is not executable and returns null when nothing is found', () => {
    fakeProgram('p4', 'chromium', false);
    expect(locateChromium({ PATH: join(dir, 'p4') })).toBeNull();
    expect(locateChromium({ PATH: '' })).toBeNull();
  });
});

describe('findChromium (CI policy)', () => {
  it('returns null outside CI so browser tests can skip, saying why', () => {
    expect(findChromium({ PATH: '' })).toBeNull();
    expect(findChromium({ PATH: '', CI: 'false' })).toBeNull();
    expect(CHROMIUM_SKIP_REASON).toMatch(/apt-get install -y chromium/);
  });

  it('throws with CI=true when no browser is found', () => {
    expect(isCI({ CI: 'true' })).toBe(true);
    expect(() => findChromium({ PATH: '', CI: 'true' })).toThrow(/CI=true and no Chromium found/);
  });

  it('returns the browser with CI=true when there is one', () => {
    const path = fakeProgram('p5', 'chromium');
    expect(findChromium({ PATH: join(dir, 'p5'), CI: 'true' })).toBe(path);
  });
});

describe('launch switches', () => {
  it('carry the headless and root-container switches and a window size', () => {
    const options = chromiumLaunchOptions('/usr/bin/chromium', { width: 800, height: 600, args: ['--lang=en-US'] });
    expect(options.executablePath).toBe('/usr/bin/chromium');
    expect(options.headless).toBe(true);
    expect(options.args).toEqual(expect.arrayContaining(['--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--window-size=800,600', '--lang=en-US']));
    expect(CHROMIUM_ARGS).not.toContain('--window-size=1280,900');
  });

  const chromium = findChromium();
  if (!chromium) console.warn(CHROMIUM_SKIP_REASON);
  (chromium ? it : it.skip)('start the system Chromium, which renders a page to DOM', () => {
    const html = '<p id="x">static</p><script>document.getElementById("x").textContent = "rendered by script"</script>';
    const dom = execFileSync(chromium as string, [...chromiumLaunchOptions(chromium as string).args, `--user-data-dir=${join(dir, 'profile')}`, '--dump-dom', `data:text/html,${encodeURIComponent(html)}`], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(dom).toContain('<p id="x">rendered by script</p>');
  });
});
