// Bundles the command, the CLI and the eval (`npm run eval`) with esbuild into single files that need no node_modules at run
// time (and the Splunk Web pages into appserver/static/, scripts/lib/web-bundle.mjs), and writes bin/THIRD-PARTY-NOTICES.txt: name, version, licence and licence text of every
// package bundled into the command (the package build ships it at the app's root).
import { build } from 'esbuild';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { noticesText } from './lib/notices.mjs';
import { buildWebPages } from './lib/web-bundle.mjs';
import { buildWasmKernel, wasmLoader } from './wasmKernel.mjs';

await buildWasmKernel();
const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', legalComments: 'none', logLevel: 'warning', loader: wasmLoader };

const command = await build({ ...common, entryPoints: ['src/command/main.ts'], outfile: 'bin/idetunnelscore.js', metafile: true });
// splunk-sdk stays outside the CLI bundle (loaded from node_modules by `idetunnel validate` only): its
// lib/jquery.class.js uses arguments.callee, which throws inside the bundle's top-level "use strict".
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/idetunnel.js',
  banner: { js: '#!/usr/bin/env node' },
  external: ['splunk-sdk', 'splunk-sdk/*'],
});
await build({ ...common, entryPoints: ['src/eval/main.ts'], outfile: 'dist/eval/eval.js', external: ['splunk-sdk', 'splunk-sdk/*'] });

const notices = noticesText(command.metafile, 'Third-party software bundled into bin/idetunnelscore.js (IDE Tunnel Detection for Splunk)');
if (!existsSync(dirname('bin/THIRD-PARTY-NOTICES.txt'))) throw new Error('bin/ is missing');
writeFileSync('bin/THIRD-PARTY-NOTICES.txt', notices);
await buildWebPages();
