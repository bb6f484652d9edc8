// Bundles the command, the CLI and the eval with esbuild into single files that need no node_modules at run time.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', legalComments: 'external', logLevel: 'warning' };

await build({ ...common, entryPoints: ['src/command/main.ts'], outfile: 'bin/idetunnelscore.js' });
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli/idetunnel.js', banner: { js: '#!/usr/bin/env node' } });
await build({ ...common, entryPoints: ['src/eval/main.ts'], outfile: 'dist/eval/eval.js' });
