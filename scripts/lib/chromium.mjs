/**
 * The system Chromium for headless browser tests (Splunk Web pages, dashboards): where it is, what
 * happens when it is missing, and how to launch it in a root container. No dependencies, so any
 * tool in this repository (Jest tests, scripts, a sub-project with its own package.json) can
 * import it and hand the result to puppeteer-core or playwright-core as `executablePath`.
 *
 * Policy (GUIDE.md, CI): `.ci/run` installs Debian's `chromium` when it is missing. With CI=true a
 * missing browser is an error (the run fails); anywhere else the browser tests skip and say why.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Program names looked up on PATH, in order (Debian `chromium`, Ubuntu/Alpine `chromium-browser`, Google Chrome). */
export const CHROMIUM_NAMES = Object.freeze(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']);

/**
 * Command-line switches for headless Chromium in a container that runs as root with a small
 * /dev/shm and no GPU or display. Chromium refuses to start as root without --no-sandbox;
 * --disable-dev-shm-usage keeps it from crashing when /dev/shm is 64 MB (Docker's default);
 * --headless=new is the current headless mode (same renderer as headed Chrome);
 * --font-render-hinting=none and a fixed --force-device-scale-factor keep screenshots stable.
 * Source: chromium.googlesource.com docs/linux/sandboxing.md and headless/README.md,
 * puppeteer docs "Troubleshooting: running Puppeteer in Docker".
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless=new',
  '--no-sandbox',
  '--disable-setuid-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--metrics-recording-only',
  '--mute-audio',
  '--hide-scrollbars',
  '--font-render-hinting=none',
  '--force-device-scale-factor=1',
]);

/** Error thrown when CI=true and no browser is found, or CHROMIUM_PATH names something that cannot run. */
export class ChromiumMissingError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'ChromiumMissingError';
    this.code = 'CHROMIUM_MISSING';
  }
}

/** @param {string} file */
function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Looks for Chromium without applying the CI policy: CHROMIUM_PATH first (must be an executable
 * file; throws ChromiumMissingError otherwise, since a wrong explicit setting should not pass as a
 * skip), then each of CHROMIUM_NAMES on PATH.
 * @param {NodeJS.ProcessEnv} [env] defaults to process.env
 * @returns {string | null} absolute path of the executable, or null when none is found
 */
export function locateChromium(env = process.env) {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) {
    if (isAbsolute(explicit) && isExecutableFile(explicit)) return explicit;
    const onPath = searchPath(explicit, env);
    if (onPath) return onPath;
    throw new ChromiumMissingError(`CHROMIUM_PATH=${explicit} is not an executable file (unset it to search PATH for ${CHROMIUM_NAMES.join(', ')})`);
  }
  for (const name of CHROMIUM_NAMES) {
    const found = searchPath(name, env);
    if (found) return found;
  }
  return null;
}

/**
 * @param {string} name
 * @param {NodeJS.ProcessEnv} env
 */
function searchPath(name, env) {
  if (name.includes('/') || name.includes('\\')) return isExecutableFile(name) ? name : null;
  const suffixes = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const suffix of suffixes) {
      const candidate = join(dir, name + suffix);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}

/** @param {NodeJS.ProcessEnv} [env] @returns {boolean} true when CI is set to "true" or "1" (GitHub Actions, GitLab and .ci/run set CI=true). */
export function isCI(env = process.env) {
  return /^(true|1)$/i.test(env.CI ?? '');
}

/** The sentence a skipped browser test prints. */
export const CHROMIUM_SKIP_REASON =
  `no Chromium found (CHROMIUM_PATH, or ${CHROMIUM_NAMES.join(' / ')} on PATH): browser tests skipped. ` +
  'Install it with `apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH; with CI=true this is an error.';

/**
 * Finds Chromium and applies the CI policy.
 * @param {NodeJS.ProcessEnv} [env] defaults to process.env
 * @returns {string | null} the executable's path, or null outside CI when there is none (skip the tests, printing CHROMIUM_SKIP_REASON)
 * @throws {ChromiumMissingError} with CI=true when no browser is found, or when CHROMIUM_PATH is wrong
 */
export function findChromium(env = process.env) {
  const found = locateChromium(env);
  if (found || !isCI(env)) return found;
  throw new ChromiumMissingError(
    `CI=true and no Chromium found (CHROMIUM_PATH, or ${CHROMIUM_NAMES.join(' / ')} on PATH). ` +
      '.ci/run installs Debian\'s `chromium` package when it is missing; install it (apt-get install -y chromium) or set CHROMIUM_PATH.',
  );
}

/**
 * Launch options for puppeteer-core (`puppeteer.launch(opts)`) or playwright-core
 * (`chromium.launch(opts)`): the executable, headless, and CHROMIUM_ARGS plus any extra switches.
 * @param {string} executablePath from findChromium()
 * @param {{ args?: string[], width?: number, height?: number }} [options] extra switches; window size in CSS pixels (default 1280x900)
 * @returns {{ executablePath: string, headless: true, args: string[] }}
 */
export function chromiumLaunchOptions(executablePath, options = {}) {
  const width = options.width ?? 1280;
  const height = options.height ?? 900;
  return { executablePath, headless: true, args: [...CHROMIUM_ARGS, `--window-size=${width},${height}`, ...(options.args ?? [])] };
}
