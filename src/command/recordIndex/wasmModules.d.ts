/**
 * A `.wasm` import is the file's bytes: esbuild's `binary` loader in the bundles (scripts/wasmKernel.mjs),
 * test/helpers/kernelWasm.js under jest (jest.config.js).
 */
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
