/**
 * Bundles the Splunk Web pages' browser code (src/web/) with esbuild into appserver/static/, where
 * the Simple XML views load it (`script=`, `stylesheet=`):
 *   idetunnel_setup.js, idetunnel_allowlist.js   one IIFE each, no globals, no inline script
 *   idetunnel_pages.css                          the pages' styles
 *   THIRD-PARTY-NOTICES.txt                      licences of the npm packages inside the bundles
 * splunk-sdk's modules are browser-safe except for Node-only requires it never calls in a browser
 * (lib/utils.js `fs`/`path` for readFile, lib/context.js NodeHttp when there is no window): those
 * resolve to an empty module, so neither `needle` nor `dotenv` is bundled.
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { noticesText } from './notices.mjs';

/** Output folder, relative to the repository root. */
export const WEB_OUT_DIR = 'appserver/static';

/** Bundle name (appserver/static/<name>.js / .css) -> source. */
export const WEB_ENTRIES = {
  idetunnel_setup: 'src/web/setup/main.ts',
  idetunnel_allowlist: 'src/web/allowlist/main.ts',
  idetunnel_pages: 'src/web/pages.css',
};

const NODE_ONLY = /^(fs|path|needle|dotenv|\.\/platform\/node\/node_http)$/;

/** esbuild plugin: Node-only modules -> an empty CommonJS module. */
const nodeOnlyStubs = {
  name: 'node-only-stubs',
  setup(b) {
    b.onResolve({ filter: NODE_ONLY }, (args) => ({ path: args.path, namespace: 'node-only-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-only-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * Builds the pages into `<root>/appserver/static/` and writes the notices file there.
 * @param {string} [root] repository root (default: the working directory)
 * @returns {Promise<string[]>} the files written, relative to root
 */
export async function buildWebPages(root = '.') {
  const outdir = join(root, WEB_OUT_DIR);
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root === '.' ? process.cwd() : root,
    entryPoints: WEB_ENTRIES,
    outdir: WEB_OUT_DIR,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    // Splunk Web 9.x supports current Chrome, Firefox, Edge and Safari.
    target: ['chrome109', 'firefox115', 'safari16'],
    // splunk-sdk's lib/jquery.class.js reads arguments.callee, which strict mode forbids.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false, strict: false } },
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
    plugins: [nodeOnlyStubs],
    // splunk-sdk's lib/log.js keeps its level in process.env.LOG_LEVEL.
    inject: [join(root, 'src/web/processShim.ts')],
  });
  const notices = noticesText(result.metafile, 'Third-party software bundled into appserver/static/ (IDE Tunnel Detection for Splunk: setup and allowlist pages)');
  writeFileSync(join(outdir, 'THIRD-PARTY-NOTICES.txt'), notices);
  return [...Object.keys(result.metafile.outputs), `${WEB_OUT_DIR}/THIRD-PARTY-NOTICES.txt`];
}
