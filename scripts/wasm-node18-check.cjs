// Checks the WebAssembly record indexer on the Node running this file (scripts/check-node18.sh runs it on
// Node 18 against a bundle of src/command/recordIndex/wasmIndexer.ts): the kernel loads (SIMD on by default) and its
// table for a small body matches CsvCursor's reading of it.
// Usage: node scripts/wasm-node18-check.cjs BUNDLE.cjs
const bundle = require(require('path').resolve(process.argv[2]));

const indexer = bundle.createWasmIndexer([['code', 'tunnel']]);
if (!indexer) throw new Error(`createWasmIndexer returned null on Node ${process.version}: no WebAssembly SIMD`);
const body = Buffer.from('Image,EventCode\n"C:\\x\\Code.exe",1\r\n"a ""b""",3\nc,"x');
const expected = [
  [16, 33, 35, 2, 32, 33],
  [35, 46, 47, 0, 45, 46],
];
const table = indexer.index(body.subarray(0, 47), 16, { width: 2, screen: [{ column: 0, wordSet: 0 }], keep: [1] });
const rows = [];
for (let r = 0; r < table.count; r++) rows.push(Array.from(table.data.subarray(r * table.stride, (r + 1) * table.stride)));
if (JSON.stringify(rows) !== JSON.stringify(expected)) throw new Error(`unexpected table ${JSON.stringify(rows)}`);
if (indexer.index(body, 16, { width: 2, screen: [{ column: 0, wordSet: 0 }], keep: [1] }) !== null) throw new Error('an unterminated quote must give null');
console.log(`wasm record indexer on Node ${process.version}: ok`);
