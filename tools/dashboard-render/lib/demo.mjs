/**
 * The demo data scored by the real command: bundles src/scoreDemo.ts (the CLI's readers and
 * protocol client from the repository's src/) and runs it on test/fixtures/demo. Needs the root
 * `npm run build` (bin/idetunnelscore.js).
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Bundles one of this folder's TypeScript Node entries (src/<name>.ts, which import the
 * repository's src/) and imports it.
 * @param {string} name entry file name without .ts
 * @param {string} cacheDir folder for the bundle
 */
export async function nodeEntry(name, cacheDir) {
  mkdirSync(cacheDir, { recursive: true });
  const outfile = join(cacheDir, `${name}.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, `../src/${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return import(pathToFileURL(outfile).href);
}

/**
 * @param {string} repo repository root
 * @param {string} cacheDir folder for the bundled entry
 * @returns {Promise<Record<string, string>[]>} every demo event with the command's fields
 */
export async function scoredDemoEvents(repo, cacheDir) {
  const command = join(repo, 'bin/idetunnelscore.js');
  if (!existsSync(command)) throw new Error(`${command} is missing: run \`npm run build\` at the repository root first`);
  const { scoreDemo } = await nodeEntry('scoreDemo', cacheDir);
  return scoreDemo(join(repo, 'test/fixtures/demo/sysmon-demo.xmlwineventlog.log'), command);
}

/** Identity-plane exports scored like the demo (test/fixtures/identity: Entra ID sign-ins, GitHub audit entries). */
export const IDENTITY_FIXTURES = ['test/fixtures/identity/entra-signins.jsonl', 'test/fixtures/identity/github-audit.jsonl'];

/**
 * The identity fixtures (IDENTITY_FIXTURES) scored by the real command, like {@link scoredDemoEvents}.
 * @returns {Promise<Record<string, string>[]>} every sign-in and GitHub entry with the command's fields
 */
export async function scoredIdentityEvents(repo, cacheDir) {
  const { scoreDemo } = await nodeEntry('scoreDemo', cacheDir);
  const out = [];
  for (const file of IDENTITY_FIXTURES) out.push(...(await scoreDemo(join(repo, file), join(repo, 'bin/idetunnelscore.js'))));
  return out;
}
