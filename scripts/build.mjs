// Bundles the command and the CLI with esbuild into single files that need no node_modules at run time.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', legalComments: 'external', logLevel: 'warning' };

await build({ ...common, entryPoints: ['src/command/main.ts'], outfile: 'bin/idetunnelscore.js' });
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli/idetunnel.js', banner: { js: '#!/usr/bin/env node' } });
