// Bundles the benchmark's TypeScript entry points (they import the product's protocol and reader code)
// into bench/.cache/*.cjs so that plain node runs them.
import { build } from 'esbuild';
import { wasmLoader } from '../scripts/wasmKernel.mjs';

await build({
  entryPoints: { run: 'bench/run.ts', regexLinearity: 'bench/regexLinearity.ts', recordIndex: 'bench/recordIndex.ts', cliFormats: 'bench/cliFormats.ts' },
  outdir: 'bench/.cache', outExtension: { '.js': '.cjs' },
  bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning', loader: wasmLoader,
});
