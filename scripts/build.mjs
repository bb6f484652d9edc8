// Bundles the command, the CLI and the eval (`npm run eval`) with esbuild into single files that need no node_modules at run
// time, and writes bin/THIRD-PARTY-NOTICES.txt: name, version, licence and licence text of every
// package bundled into the command (the package build ships it at the app's root).
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildWasmKernel, wasmLoader } from './wasmKernel.mjs';

await buildWasmKernel();
const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', legalComments: 'none', logLevel: 'warning', loader: wasmLoader };

const command = await build({ ...common, entryPoints: ['src/command/main.ts'], outfile: 'bin/idetunnelscore.js', metafile: true });
// splunk-sdk stays outside the CLI bundle (loaded from node_modules by `idetunnel validate` only): its
// lib/jquery.class.js uses arguments.callee, which throws inside the bundle's top-level "use strict".
await build({
  ...common,
  entryPoints: ['src/idetunnel.ts'],
  outfile: 'dist/cli/idetunnel.js',
  banner: { js: '#!/usr/bin/env node' },
  external: ['splunk-sdk', 'splunk-sdk/*'],
});
await build({ ...common, entryPoints: ['src/eval/main.ts'], outfile: 'dist/eval/eval.js', external: ['splunk-sdk', 'splunk-sdk/*'] });

/** Package folders (node_modules/<name> or node_modules/@scope/<name>) of the bundled inputs. */
function bundledPackages(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) folders.add(match[1]);
  }
  return [...folders].sort();
}

function licenceText(folder) {
  const file = readdirSync(folder).find((name) => /^(licen[sc]e|copying)(\.|$)/i.test(name));
  return file ? readFileSync(join(folder, file), 'utf8').trim() : '(no licence file in the package; see its package.json)';
}

const sections = bundledPackages(command.metafile).map((folder) => {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  return `${manifest.name} ${manifest.version} (${manifest.license ?? 'see licence text'})\n${manifest.homepage ?? ''}\n\n${licenceText(folder)}\n`;
});
const notices =
  'Third-party software bundled into bin/idetunnelscore.js (IDE Tunnel Detection for Splunk)\n' +
  '==========================================================================================\n\n' +
  sections.join('\n------------------------------------------------------------------------------\n\n');
if (!existsSync(dirname('bin/THIRD-PARTY-NOTICES.txt'))) throw new Error('bin/ is missing');
writeFileSync('bin/THIRD-PARTY-NOTICES.txt', notices);
