// Compiles the WebAssembly record indexer kernel (src/command/recordIndex/kernel/recordIndex.ts, AssemblyScript) to
// src/command/recordIndex/kernel/recordIndex.wasm (gitignored), which esbuild embeds in the bundles as bytes
// (`wasmLoader`): bin/idetunnelscore.js stays one file that needs no node_modules at run time.
// Used by scripts/build.mjs and bench/build.mjs; the test transform (test/helpers/kernelWasm.js) reads the output.
import asc from 'assemblyscript/asc';

export const KERNEL_SOURCE = 'src/command/recordIndex/kernel/recordIndex.ts';
export const KERNEL_WASM = 'src/command/recordIndex/kernel/recordIndex.wasm';
/** esbuild loader option: `import bytes from './x.wasm'` gives the file's bytes (a Uint8Array). */
export const wasmLoader = { '.wasm': 'binary' };

/**
 * `--runtime stub`: no allocator or GC (the kernel uses fixed regions of linear memory);
 * `--enable simd` (WebAssembly fixed-width SIMD, on by default in Node >= 16.4); `--use abort=`: no imports.
 */
export async function buildWasmKernel() {
  const { error, stderr } = await asc.main(
    [KERNEL_SOURCE, '--outFile', KERNEL_WASM, '--runtime', 'stub', '--enable', 'simd', '-O3', '--noAssert', '--use', 'abort='],
    {},
  );
  if (error) {
    // The compiler's own report (file, line, message); an exception here would print a line of binaryen's bundle.
    console.error(stderr.toString());
    console.error(`compiling ${KERNEL_SOURCE} failed: ${error.message}`);
    process.exit(1);
  }
}
