// What `import kernelBytes from './kernel/recordIndex.wasm'` (src/command/recordIndex/wasmIndexer.ts) gives under jest:
// the kernel's bytes, as esbuild's `binary` loader embeds them in the bundles (jest.config.js moduleNameMapper).
const { existsSync, readFileSync } = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', '..', 'src', 'command', 'recordIndex', 'kernel', 'recordIndex.wasm');
if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` (npm test runs it first)`);
module.exports = readFileSync(file);
