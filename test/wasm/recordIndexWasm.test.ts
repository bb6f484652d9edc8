import fc from 'fast-check';
import { KEY_WORD, RAGGED, type IndexPlan, type RecordIndexer, type ScreenedColumn } from '../../src/command/recordIndex/contract';
import { QUIET_WORD_SETS } from '../../src/command/recordIndex/wordSets';
import { JsRecordIndexer } from '../helpers/jsRecordIndexer';
import { createWasmIndexer, type WebAssemblyApi } from '../../src/command/recordIndex/wasmIndexer';
import { expectedTable, NESTED_WORD_SETS, plainTable, WORD_SETS } from './recordTableOracle';

type WordSets = readonly (readonly string[])[];

/** Indexers for each walk and window size (small ones cut records and words), and the JavaScript indexer of the same contract (test/helpers/jsRecordIndexer.ts): they must all agree. */
const WINDOWS = [16, 64, 100, 1 << 20];
function indexersFor(wordSets: WordSets): { name: string; indexer: RecordIndexer }[] {
  const out: { name: string; indexer: RecordIndexer }[] = [];
  for (const walk of ['simd', 'bytes'] as const) {
    for (const windowBytes of WINDOWS) {
      const indexer = createWasmIndexer(wordSets, { walk, windowBytes });
      if (!indexer) throw new Error('WebAssembly SIMD is unavailable in this Node');
      out.push({ name: `${walk} walk, window ${windowBytes}`, indexer });
    }
  }
  return [...out, { name: 'JsRecordIndexer', indexer: new JsRecordIndexer(wordSets) }];
}
const INDEXERS = new Map<WordSets, { name: string; indexer: RecordIndexer }[]>([WORD_SETS, NESTED_WORD_SETS].map((sets) => [sets, indexersFor(sets)]));
const indexers = INDEXERS.get(WORD_SETS)!;

function expectSameAsCsvCursor(body: Buffer, from: number, plan: IndexPlan, wordSets: WordSets = WORD_SETS): void {
  const expected = plainTable(expectedTable(body, from, plan, wordSets));
  for (const { name, indexer } of INDEXERS.get(wordSets)!) {
    const actual = plainTable(indexer.index(body, from, plan));
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new Error(`${name} differs on ${JSON.stringify(body.toString('latin1'))} from ${from} plan ${JSON.stringify(plan)}:\n` +
        `expected ${JSON.stringify(expected)}\nactual   ${JSON.stringify(actual)}`);
    }
  }
}

/** The Image field's set: the widest (`code`, `gateway`, `remote-dev-server`, ...). */
const IMAGE_SET = QUIET_WORD_SETS.setOf.get('Image')!;
const PARENT_IMAGE_SET = QUIET_WORD_SETS.setOf.get('ParentImage')!;
/** Columns screened for the Image field's words. */
const image = (...columns: number[]): ScreenedColumn[] => columns.map((column) => ({ column, wordSet: IMAGE_SET }));

/** Every word of some word sets, each once. */
const wordsOf = (wordSets: WordSets): string[] => [...new Set(wordSets.flat())];

/** A key word of the sets in random ASCII case. */
const keyWordOf = (wordSets: WordSets): fc.Arbitrary<string> => fc
  .constantFrom(...wordsOf(wordSets))
  .chain((word) => fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')));
/** Text pieces: key words, their prefixes, multi-byte UTF-8, bytes next to `A`-`Z` (`@`, `[`, `` ` ``, `{`). */
const pieceOf = (wordSets: WordSets): fc.Arbitrary<string> => fc.oneof(
  keyWordOf(wordSets),
  keyWordOf(wordSets).map((word) => word.slice(0, 3)),
  fc.constantFrom('C:\\Windows\\', ' ', '\t', 'é', 'Ü', '日本', '😀', '@', '[', '`', '{', '-', '—', 'x'),
  fc.string({ maxLength: 4 }),
);
/** Cells CsvCursor reads in its own way or rejects: a `"` inside an unquoted cell, text after a closing quote, an unterminated quote. */
const oddCell = fc.constantFrom('a"b', 'x"', '"a"b', '"abc', '"a""', '"', '""x', 'tu"nnel');
const terminator = fc.constantFrom('\n', '\r\n', '\r');
function bodyOf(wordSets: WordSets): fc.Arbitrary<Buffer> {
  const piece = pieceOf(wordSets);
  const text = fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join(''));
  const unquotedCell = text.map((t) => t.replace(/[",\r\n]/g, ''));
  const quotedCell = fc
    .array(fc.oneof(piece, fc.constantFrom(',', '\n', '\r', '\r\n', '"')), { maxLength: 6 })
    .map((pieces) => `"${pieces.join('').replace(/"/g, '""')}"`);
  const cell = fc.oneof({ weight: 6, arbitrary: unquotedCell }, { weight: 6, arbitrary: quotedCell }, { weight: 1, arbitrary: oddCell });
  // Some cells twice side by side (as splunkd sends a field and its alias): the kernel skips the second's screen when its sets allow.
  const record = fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 8 }).map((cells) => cells.flatMap(([c, twice]) => (twice ? [c, c] : [c])).join(','));
  return fc
    .tuple(fc.array(fc.tuple(record, terminator), { maxLength: 40 }), fc.boolean())
    .map(([records, dropLast]) => {
      let text = records.map(([r, t]) => r + t).join('');
      if (dropLast && records.length > 0) text = text.slice(0, text.length - records[records.length - 1][1].length);
      return Buffer.from(text, 'utf8');
    });
}
const columns = fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 5 }).map((c) => c.sort((a, b) => a - b));
/** Plans over `setCount` word sets: each screened column with a random set, some with a second one. */
function planOf(setCount: number): fc.Arbitrary<IndexPlan> {
  const screen = fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: setCount - 1 })), { maxLength: 6, selector: ([column, set]) => column * 100 + set })
    .map((pairs) => pairs.map(([column, wordSet]): ScreenedColumn => ({ column, wordSet })).sort((a, b) => a.column - b.column || a.wordSet - b.wordSet));
  return fc
    .record({ width: fc.integer({ min: 1, max: 8 }), screen, keep: columns.map((c) => c.slice(0, 4)), byte: fc.nat() })
    // A byteColumn (one of the kept columns, or none) for half the plans.
    .map(({ byte, ...p }): IndexPlan => (p.keep.length > 0 && byte % 2 === 0 ? { ...p, byteColumn: p.keep[(byte >> 1) % p.keep.length] } : p));
}

describe('createWasmIndexer: records, ranges and flags identical to CsvCursor + lower-cased includes of each column\'s word set', () => {
  it.each([
    ['the command\'s word sets', WORD_SETS, 3000],
    ['word sets whose words contain one another', NESTED_WORD_SETS, 1500],
  ] as const)('on generated bodies with %s (quotes, "" pairs, CR/LF/CRLF, multi-byte UTF-8, key words in any case, ragged rows, odd and malformed cells)', (_name, wordSets, numRuns) => {
    fc.assert(
      fc.property(bodyOf(wordSets), planOf(wordSets.length), fc.nat(), (bytes, p, fromSeed) => {
        // From the body's start, or from the start of a record (as the command skips the header).
        const starts = [0, ...[...bytes.keys()].filter((i) => bytes[i - 1] === 0x0a)];
        expectSameAsCsvCursor(bytes, starts[fromSeed % starts.length], p, wordSets);
      }),
      { numRuns },
    );
  });

  it('flags a cell only for a word of its own column\'s set: `powershell` in ParentImage is no key word, `servers` is', () => {
    const rows = [
      '"C:\\Windows\\System32\\cmd.exe","C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",1', // quiet
      '"C:\\Windows\\System32\\cmd.exe","C:\\Users\\x\\.vscode-server\\bin\\abc\\node.exe",1', // no: .vscode-server, not `servers`
      '"C:\\Windows\\System32\\cmd.exe","/home/x/.vscode/cli/servers/Stable-abc/server/node",1', // servers in ParentImage
      '"C:\\x\\PowerShell.exe","C:\\Windows\\explorer.exe",1', // powershell in Image
      '"/srv/servers/run","C:\\Windows\\explorer.exe",1', // servers in Image: not an Image word
      '"C:\\x\\Code.exe","C:\\x\\Code.exe",1', // the same bytes side by side, screened for each column's set
      '"C:\\x\\servers.exe","C:\\x\\servers.exe",1',
    ];
    const bytes = Buffer.from(rows.join('\n') + '\n');
    const plan: IndexPlan = { width: 3, screen: [{ column: 0, wordSet: IMAGE_SET }, { column: 1, wordSet: PARENT_IMAGE_SET }], keep: [2] };
    expectSameAsCsvCursor(bytes, 0, plan);
    for (const { indexer } of indexers) {
      const table = plainTable(indexer.index(bytes, 0, plan))!;
      expect(table.rows.map((row) => row[3] & KEY_WORD)).toEqual([0, 0, KEY_WORD, KEY_WORD, 0, KEY_WORD, KEY_WORD]);
    }
    // The same rows with the columns' sets swapped: a quiet ParentImage cell does not make the same bytes quiet in Image.
    const swapped: IndexPlan = { width: 3, screen: [{ column: 0, wordSet: PARENT_IMAGE_SET }, { column: 1, wordSet: IMAGE_SET }], keep: [2] };
    expectSameAsCsvCursor(bytes, 0, swapped);
    expect(plainTable(indexers[0].indexer.index(bytes, 0, swapped))!.rows.map((row) => row[3] & KEY_WORD)).toEqual([KEY_WORD, KEY_WORD, KEY_WORD, 0, KEY_WORD, KEY_WORD, KEY_WORD]);
  });

  it('matches a word of one set inside another set\'s word (`server` in `servers`, `code` in `xcode`) for its own set', () => {
    const sets = NESTED_WORD_SETS;
    const cells = ['servers', 'server', 'xcode', 'vscode', 'code', 'pwsh'];
    const bytes = Buffer.from(cells.map((c) => `"/x/${c.toUpperCase()}/y","/x/${c}/y","/x/${c}/y","/x/${c}/y"`).join('\n') + '\n');
    const plan: IndexPlan = { width: 4, screen: [0, 1, 2, 3].map((wordSet) => ({ column: wordSet, wordSet })), keep: [] };
    expectSameAsCsvCursor(bytes, 0, plan, sets);
    // Per row, which columns' sets it holds a word of (oracle: includes).
    const holds = cells.map((c) => [0, 1, 2, 3].filter((set) => sets[set].some((word) => c.includes(word))));
    expect(holds).toEqual([[0, 1], [0], [0, 1], [0, 2], [0], [3]]);
    // Each column alone: the row is flagged only where its set has a word of the cell.
    for (const wordSet of [0, 1, 2, 3]) {
      for (const { indexer } of INDEXERS.get(sets)!) {
        const table = plainTable(indexer.index(bytes, 0, { width: 4, screen: [{ column: wordSet, wordSet }], keep: [] }))!;
        expect(table.rows.map((row) => (row[3] & KEY_WORD) !== 0)).toEqual(holds.map((h) => h.includes(wordSet)));
      }
    }
  });

  it('screens a column listed with two word sets for both', () => {
    const bytes = Buffer.from('"a servers b"\n"a powershell b"\n"a tunnel b"\n');
    const plan: IndexPlan = { width: 1, screen: [{ column: 0, wordSet: PARENT_IMAGE_SET }, { column: 0, wordSet: QUIET_WORD_SETS.setOf.get('ParentCommandLine')! }], keep: [] };
    expectSameAsCsvCursor(bytes, 0, plan);
    expect(plainTable(indexers[0].indexer.index(bytes, 0, plan))!.rows.map((row) => row[3])).toEqual([KEY_WORD, 0, KEY_WORD]);
  });

  it('finds a key word at every offset around window boundaries, split across two windows', () => {
    const plan1: IndexPlan = { width: 2, screen: image(1), keep: [0] };
    for (let pad = 0; pad < 80; pad++) {
      const row = `1,"${'x'.repeat(pad)}Remote-Dev-Server"\n`;
      expectSameAsCsvCursor(Buffer.from(row.repeat(5) + `2,"${'y'.repeat(pad)}nothing"\n`), 0, plan1);
    }
  });

  it('reads quotes at every offset around the 16-byte loads of the SIMD searches', () => {
    const plan1: IndexPlan = { width: 2, screen: image(1), keep: [1] };
    for (let pad = 40; pad < 150; pad++) {
      const x = 'x'.repeat(pad);
      for (const row of [`a,"${x}"y\n`, `a,"${x}""\n`, `a,${x}"y\n`, `a,"${x}""code"\n`, `a,"${x}"\r\nb,"c"\n`, `a,"${x}`, `a,"${x}"`]) {
        expectSameAsCsvCursor(Buffer.from(`h,"i"\n${row}`), 0, plan1);
      }
    }
  });

  it('screens a cell that follows a quiet cell of the same length (the side-by-side alias shortcut)', () => {
    const bytes = Buffer.from('"C:\\x\\abcd.exe","C:\\x\\abcd.exe","C:\\x\\Code.exe",1\n"abcd","abcd","abcd",2\n');
    expectSameAsCsvCursor(bytes, 0, { width: 4, screen: image(0, 1, 2), keep: [3] });
    expect(plainTable(indexers[0].indexer.index(bytes, 0, { width: 4, screen: image(0, 1, 2), keep: [] }))!.rows.map((row) => row[3])).toEqual([KEY_WORD, 0]);
  });

  it('indexes a body many windows long (records crossing windows)', () => {
    const rows: string[] = [];
    for (let i = 0; i < 5000; i++) rows.push(`${i},"C:\\Program Files\\${i % 97 === 0 ? 'Microsoft VS Code\\Code.exe' : 'app\\run.exe'}","a ""q"" b",x\r\n`);
    const bytes = Buffer.from(rows.join(''));
    const plan1: IndexPlan = { width: 4, screen: image(1, 2), keep: [0, 3] };
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
    expectSameAsCsvCursor(bytes, 0, { width: 3, screen: image(1), keep: [0, 2] });
    const table = indexers[1].indexer.index(bytes, 9, { width: 3, screen: image(1), keep: [0, 2] });
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
      for (const { indexer } of indexers) expect(indexer.index(Buffer.from(text), 0, { width: 2, screen: image(0), keep: [] })).toBeNull();
    }
  });

  it('reads a `"` inside an unquoted cell literally, as CsvCursor does', () => {
    expectSameAsCsvCursor(Buffer.from('ab"c,code\n"x",d"e\n'), 0, { width: 2, screen: image(0, 1), keep: [0, 1] });
  });

  it('rejects an offset outside the body, a negative column and a word set it was not made with', () => {
    const indexer = indexers[0].indexer;
    expect(() => indexer.index(Buffer.from('a\n'), 3, { width: 1, screen: [], keep: [] })).toThrow(RangeError);
    expect(() => indexer.index(Buffer.from('a\n'), 0, { width: 1, screen: image(-1), keep: [] })).toThrow(RangeError);
    expect(() => indexer.index(Buffer.from('a\n'), 0, { width: 1, screen: [{ column: 0, wordSet: WORD_SETS.length }], keep: [] })).toThrow(RangeError);
  });

  it('returns null for a plan of more columns than the kernel holds', () => {
    expect(indexers[0].indexer.index(Buffer.from('a\n'), 0, { width: 5000, screen: [], keep: [] })).toBeNull();
  });

  it('returns an empty table from the end of the body', () => {
    expect(indexers[0].indexer.index(Buffer.from('a\n'), 2, { width: 1, screen: image(0), keep: [] })?.count).toBe(0);
  });
});

describe('createWasmIndexer without WebAssembly', () => {
  it('returns null (not throws) when WebAssembly is missing', () => {
    expect(createWasmIndexer(WORD_SETS, { webAssembly: null })).toBeNull();
  });

  it('returns null when the runtime cannot validate the kernel (no SIMD)', () => {
    const real = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const noSimd: WebAssemblyApi = { validate: () => false, Module: real.Module, Instance: real.Instance };
    expect(createWasmIndexer(WORD_SETS, { webAssembly: noSimd })).toBeNull();
  });

  it('rejects key words and word sets it cannot screen', () => {
    expect(() => createWasmIndexer([['abc']])).toThrow(RangeError);
    expect(() => createWasmIndexer([['Code']])).toThrow(RangeError);
    expect(() => createWasmIndexer([])).toThrow(RangeError);
    expect(() => createWasmIndexer([['code'], []])).toThrow(RangeError);
    expect(() => createWasmIndexer(Array.from({ length: 17 }, () => ['code']))).toThrow(RangeError);
    expect(() => createWasmIndexer([Array.from({ length: 65 }, (_, i) => `word${i}`)])).toThrow(RangeError);
    // A word in several sets is one word of the kernel's table.
    expect(createWasmIndexer(Array.from({ length: 16 }, () => Array.from({ length: 64 }, (_, i) => `word${i}`)))).not.toBeNull();
  });
});
