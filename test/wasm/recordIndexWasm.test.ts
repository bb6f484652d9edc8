import fc from 'fast-check';
import { KEY_WORD, RAGGED, type IndexPlan, type RecordIndexer } from '../../src/command/recordIndex/contract';
import { JsRecordIndexer } from '../helpers/jsRecordIndexer';
import { createWasmIndexer, type WebAssemblyApi } from '../../src/command/recordIndex/wasmIndexer';
import { expectedTable, KEY_WORDS, plainTable } from './recordTableOracle';

/** The JavaScript indexer of the same contract (test/helpers/jsRecordIndexer.ts): it must agree too. */
const jsIndexer = new JsRecordIndexer(KEY_WORDS);
/** Indexers for each walk and window size (small ones cut records and words). */
const WINDOWS = [16, 64, 100, 1 << 20];
const indexers: { name: string; indexer: RecordIndexer }[] = [];
for (const walk of ['simd', 'bytes'] as const) {
  for (const windowBytes of WINDOWS) {
    const indexer = createWasmIndexer(KEY_WORDS, { walk, windowBytes });
    if (!indexer) throw new Error('WebAssembly SIMD is unavailable in this Node');
    indexers.push({ name: `${walk} walk, window ${windowBytes}`, indexer });
  }
}

function expectSameAsCsvCursor(body: Buffer, from: number, plan: IndexPlan): void {
  const expected = plainTable(expectedTable(body, from, plan, KEY_WORDS));
  for (const { name, indexer } of [...indexers, { name: 'JsRecordIndexer', indexer: jsIndexer }]) {
    const actual = plainTable(indexer.index(body, from, plan));
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new Error(`${name} differs on ${JSON.stringify(body.toString('latin1'))} from ${from} plan ${JSON.stringify(plan)}:\n` +
        `expected ${JSON.stringify(expected)}\nactual   ${JSON.stringify(actual)}`);
    }
  }
}

/** A key word in random ASCII case. */
const keyWord = fc
  .constantFrom(...KEY_WORDS)
  .chain((word) => fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')));
/** Text pieces: key words, their prefixes, multi-byte UTF-8, bytes next to `A`-`Z` (`@`, `[`, `` ` ``, `{`). */
const piece = fc.oneof(
  keyWord,
  keyWord.map((word) => word.slice(0, 3)),
  fc.constantFrom('C:\\Windows\\', ' ', '\t', 'é', 'Ü', '日本', '😀', '@', '[', '`', '{', '-', '—', 'x'),
  fc.string({ maxLength: 4 }),
);
const text = fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join(''));
const unquotedCell = text.map((t) => t.replace(/[",\r\n]/g, ''));
const quotedCell = fc
  .array(fc.oneof(piece, fc.constantFrom(',', '\n', '\r', '\r\n', '"')), { maxLength: 6 })
  .map((pieces) => `"${pieces.join('').replace(/"/g, '""')}"`);
/** Cells CsvCursor reads in its own way or rejects: a `"` inside an unquoted cell, text after a closing quote, an unterminated quote. */
const oddCell = fc.constantFrom('a"b', 'x"', '"a"b', '"abc', '"a""', '"', '""x', 'tu"nnel');
const cell = fc.oneof({ weight: 6, arbitrary: unquotedCell }, { weight: 6, arbitrary: quotedCell }, { weight: 1, arbitrary: oddCell });
const record = fc.array(cell, { minLength: 1, maxLength: 8 }).map((cells) => cells.join(','));
const terminator = fc.constantFrom('\n', '\r\n', '\r');
const body = fc
  .tuple(fc.array(fc.tuple(record, terminator), { maxLength: 40 }), fc.boolean())
  .map(([records, dropLast]) => {
    let text = records.map(([r, t]) => r + t).join('');
    if (dropLast && records.length > 0) text = text.slice(0, text.length - records[records.length - 1][1].length);
    return Buffer.from(text, 'utf8');
  });
const columns = fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 5 }).map((c) => c.sort((a, b) => a - b));
const plan = fc
  .record({ width: fc.integer({ min: 1, max: 8 }), screen: columns, keep: columns.map((c) => c.slice(0, 4)), byte: fc.nat() })
  // A byteColumn (one of the kept columns, or none) for half the plans.
  .map(({ byte, ...p }): IndexPlan => (p.keep.length > 0 && byte % 2 === 0 ? { ...p, byteColumn: p.keep[(byte >> 1) % p.keep.length] } : p));

describe('createWasmIndexer: records, ranges and flags identical to CsvCursor + lower-cased includes', () => {
  it('on generated bodies (quotes, "" pairs, CR/LF/CRLF, multi-byte UTF-8, key words in any case, ragged rows, odd and malformed cells)', () => {
    fc.assert(
      fc.property(body, plan, fc.nat(), (bytes, p, fromSeed) => {
        // From the body's start, or from the start of a record (as the command skips the header).
        const starts = [0, ...[...bytes.keys()].filter((i) => bytes[i - 1] === 0x0a)];
        expectSameAsCsvCursor(bytes, starts[fromSeed % starts.length], p);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a key word at every offset around window boundaries, split across two windows', () => {
    const plan1: IndexPlan = { width: 2, screen: [1], keep: [0] };
    for (let pad = 0; pad < 80; pad++) {
      const row = `1,"${'x'.repeat(pad)}Remote-Dev-Server"\n`;
      expectSameAsCsvCursor(Buffer.from(row.repeat(5) + `2,"${'y'.repeat(pad)}nothing"\n`), 0, plan1);
    }
  });

  it('reads quotes at every offset around the 16-byte loads of the SIMD searches', () => {
    const plan1: IndexPlan = { width: 2, screen: [1], keep: [1] };
    for (let pad = 40; pad < 150; pad++) {
      const x = 'x'.repeat(pad);
      for (const row of [`a,"${x}"y\n`, `a,"${x}""\n`, `a,${x}"y\n`, `a,"${x}""code"\n`, `a,"${x}"\r\nb,"c"\n`, `a,"${x}`, `a,"${x}"`]) {
        expectSameAsCsvCursor(Buffer.from(`h,"i"\n${row}`), 0, plan1);
      }
    }
  });

  it('screens a cell that follows a quiet cell of the same length (the side-by-side alias shortcut)', () => {
    const bytes = Buffer.from('"C:\\x\\abcd.exe","C:\\x\\abcd.exe","C:\\x\\Code.exe",1\n"abcd","abcd","abcd",2\n');
    expectSameAsCsvCursor(bytes, 0, { width: 4, screen: [0, 1, 2], keep: [3] });
    expect(plainTable(indexers[0].indexer.index(bytes, 0, { width: 4, screen: [0, 1, 2], keep: [] }))!.rows.map((row) => row[3])).toEqual([KEY_WORD, 0]);
  });

  it('indexes a body many windows long (records crossing windows)', () => {
    const rows: string[] = [];
    for (let i = 0; i < 5000; i++) rows.push(`${i},"C:\\Program Files\\${i % 97 === 0 ? 'Microsoft VS Code\\Code.exe' : 'app\\run.exe'}","a ""q"" b",x\r\n`);
    const bytes = Buffer.from(rows.join(''));
    const plan1: IndexPlan = { width: 4, screen: [1, 2], keep: [0, 3] };
    expectSameAsCsvCursor(bytes, 0, plan1);
    const table = indexers[0].indexer.index(bytes, 0, plan1);
    expect(table?.count).toBe(5000);
    let flagged = 0;
    for (let r = 0; r < 5000; r++) if ((table!.data[r * table!.stride + 3] & KEY_WORD) !== 0) flagged++;
    expect(flagged).toBe(Math.ceil(5000 / 97));
  });

  it('indexes a record longer than the window (the window grows)', () => {
    const long = `7,"${'a,b\n'.repeat(20000)}GATEWAY",z\n`;
    const bytes = Buffer.from(`h1,h2,h3\n${long}8,short,z`);
    expectSameAsCsvCursor(bytes, 0, { width: 3, screen: [1], keep: [0, 2] });
    const table = indexers[1].indexer.index(bytes, 9, { width: 3, screen: [1], keep: [0, 2] });
    expect(table?.count).toBe(2);
    expect(table!.data[3]).toBe(KEY_WORD);
  });

  it('reports ragged records and absent kept cells', () => {
    const bytes = Buffer.from('a,b,c\nd\ne,f,g,h\n');
    for (const { indexer } of indexers) {
      const table = indexer.index(bytes, 0, { width: 3, screen: [], keep: [2] })!;
      expect(plainTable(table)!.rows).toEqual([
        [0, 5, 6, 0, 4, 5],
        [6, 7, 8, RAGGED, -1, -1],
        [8, 15, 16, RAGGED, 12, 13],
      ]);
    }
  });

  it('returns null for bytes CsvCursor finds malformed', () => {
    for (const text of ['a,"unterminated\n', 'a,"closed"then text\nb\n', 'ok\n"x""\n']) {
      for (const { indexer } of indexers) expect(indexer.index(Buffer.from(text), 0, { width: 2, screen: [0], keep: [] })).toBeNull();
    }
  });

  it('reads a `"` inside an unquoted cell literally, as CsvCursor does', () => {
    expectSameAsCsvCursor(Buffer.from('ab"c,code\n"x",d"e\n'), 0, { width: 2, screen: [0, 1], keep: [0, 1] });
  });

  it('rejects an offset outside the body and a negative column', () => {
    const indexer = indexers[0].indexer;
    expect(() => indexer.index(Buffer.from('a\n'), 3, { width: 1, screen: [], keep: [] })).toThrow(RangeError);
    expect(() => indexer.index(Buffer.from('a\n'), 0, { width: 1, screen: [-1], keep: [] })).toThrow(RangeError);
  });

  it('returns null for a plan of more columns than the kernel holds', () => {
    expect(indexers[0].indexer.index(Buffer.from('a\n'), 0, { width: 5000, screen: [], keep: [] })).toBeNull();
  });

  it('returns an empty table from the end of the body', () => {
    expect(indexers[0].indexer.index(Buffer.from('a\n'), 2, { width: 1, screen: [0], keep: [] })?.count).toBe(0);
  });
});

describe('createWasmIndexer without WebAssembly', () => {
  it('returns null (not throws) when WebAssembly is missing', () => {
    expect(createWasmIndexer(KEY_WORDS, { webAssembly: null })).toBeNull();
  });

  it('returns null when the runtime cannot validate the kernel (no SIMD)', () => {
    const real = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const noSimd: WebAssemblyApi = { validate: () => false, Module: real.Module, Instance: real.Instance };
    expect(createWasmIndexer(KEY_WORDS, { webAssembly: noSimd })).toBeNull();
  });

  it('rejects key words it cannot screen', () => {
    expect(() => createWasmIndexer(['abc'])).toThrow(RangeError);
    expect(() => createWasmIndexer(['Code'])).toThrow(RangeError);
  });
});
