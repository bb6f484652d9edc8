#!/usr/bin/env node
/**
 * `npm run package`: builds the command (`npm run build`), then writes dist/idetunnel-<version>.tgz,
 * the app package a Splunk admin uploads (layout and rules: scripts/lib/app-package.mjs).
 *
 * Usage: node scripts/package.mjs [--no-build] [--out-dir DIR] [--root DIR]
 *   --no-build     package the bin/idetunnelscore.js that is already built (tests use this
 *                  after `npm test` has built it)
 *   --out-dir DIR  where the .tgz goes (default: <root>/dist/)
 *   --root DIR     the source tree to package (default: this repository; tests use fixtures)
 * Prints the package path on stdout; the skipped files and sizes go to stderr.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkedVersion, collectAppFiles, shown, writePackage } from './lib/app-package.mjs';

const { values } = parseArgs({
  options: { 'no-build': { type: 'boolean' }, 'out-dir': { type: 'string' }, root: { type: 'string' } },
});
const root = resolve(values.root ?? resolve(dirname(fileURLToPath(import.meta.url)), '..'));

if (!values['no-build']) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}
const version = checkedVersion(root);
const { files, skipped } = collectAppFiles(root);
for (const { path, reason } of skipped) console.error(`package: skipped ${path} (${reason})`);
const outFile = join(resolve(root, values['out-dir'] ?? 'dist'), `idetunnel-${version}.tgz`);
const { entries, bytes } = await writePackage(files, outFile);
console.error(`package: ${shown(root, outFile)}: ${entries} files, ${bytes} bytes`);
console.log(outFile);
