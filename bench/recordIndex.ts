// Record indexing micro-benchmark (issue 5): ns per row of
//   (a) CsvCursor walking every record,
//   (b) the WebAssembly record indexer (src/command/recordIndex/wasmIndexer.ts) with the command's plan
//       (indexedRecords.ts indexPlanOf: each screened column for its field's word set) on a narrow
//       transcript (window copies included): its SIMD walk, and its byte-by-byte reference walk; and
//       the same columns all screened for the union of the words (one set: the index before issue 12's
//       per-field word sets),
//   (c) (a) + decoding Image / CommandLine / OriginalFileName + the key-word regexes of
//       src/detection/screen.ts QUIET_SCREEN (the work (b)'s KEY_WORD flag stands for).
// Usage: npm run build && node bench/build.mjs && node bench/.cache/recordIndex.cjs [TRANSCRIPT.chunks] [--runs N] [--window BYTES]
// (default transcript: the first bench/.cache/narrow-100000-*.chunks; `npm run bench -- --quick --skip-python` makes narrow-20000).
// The `check` column of (b) is the number of rows flagged KEY_WORD: the rows the index hands on to the cursor.
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { ChunkReader } from '../src/protocol/chunkReader';
import { CsvCursor } from '../src/protocol/csvCursor';
import { QUIET_SCREEN } from '../src/detection/screen';
import { KEY_WORD, type IndexPlan } from '../src/command/recordIndex/contract';
import { indexPlanOf } from '../src/command/recordIndex/indexedRecords';
import { createWasmIndexer } from '../src/command/recordIndex/wasmIndexer';
import { QUIET_WORD_SETS } from '../src/command/recordIndex/wordSets';
import { FieldColumns } from '../src/events/eventView';
import { median } from './lib/report';

const REPO = path.resolve(__dirname, '..', '..');

const UNION: readonly (readonly string[])[] = [[...new Set(QUIET_WORD_SETS.sets.flat())]];
// The screen's regexes of the three fields (the benchmark's (c)).
const patternOf = (name: string): RegExp => QUIET_SCREEN.fields.find((f) => f.field === name)?.pattern ?? /(?!)/;
const [IMAGE_WORDS, COMMAND_LINE_WORDS, OFN_WORDS] = ['Image', 'CommandLine', 'OriginalFileName'].map(patternOf);


function defaultTranscript(): string {
  const cache = path.join(REPO, 'bench', '.cache');
  const file = readdirSync(cache).find((name) => /^narrow-100000-.*\.chunks$/.test(name)) ?? readdirSync(cache).find((name) => /^narrow-.*\.chunks$/.test(name));
  if (!file) throw new Error(`no narrow transcript in ${cache}: run \`npm run bench -- --quick --skip-python\` first`);
  return path.join(cache, file);
}

function executeBodies(file: string): Buffer[] {
  const reader = new ChunkReader({ maxChunkBytes: 1 << 30 });
  const chunks = reader.feed(readFileSync(file));
  reader.end();
  return chunks.filter((chunk) => chunk.metadata.action === 'execute' && chunk.body.length > 0).map((chunk) => Buffer.from(chunk.body));
}

function header(body: Buffer): { names: string[]; end: number } {
  const cursor = new CsvCursor(body);
  cursor.next();
  return { names: cursor.texts(), end: cursor.position };
}

interface Case {
  label: string;
  run: () => number;
  ns: number[];
  check: number;
}
const cases: Case[] = [];

function time(label: string, _rows: number, _runs: number, run: () => number): void {
  cases.push({ label, run, ns: [], check: 0 });
}

/** Runs the cases in rounds (each case once per round, so that load from other processes spreads over all); prints min and median ns/row. */
function report(rows: number, runs: number): void {
  for (let round = 0; round < runs; round++) {
    for (const c of cases) {
      const start = process.hrtime.bigint();
      c.check = c.run();
      c.ns.push(Number(process.hrtime.bigint() - start) / rows);
    }
  }
  console.log(`${'case'.padEnd(60)} ${'min'.padStart(7)} ${'median'.padStart(7)} ns/row`);
  for (const c of cases) {
    console.log(`${c.label.padEnd(60)} ${Math.min(...c.ns).toFixed(1).padStart(7)} ${median(c.ns).toFixed(1).padStart(7)}   (check ${c.check})`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs' && args[i - 1] !== '--window') ?? defaultTranscript();
  const bodies = executeBodies(file);
  const { names, end: headerEnd } = header(bodies[0]);
  const plan: IndexPlan = indexPlanOf(new FieldColumns(names), names.length);
  const unionPlan: IndexPlan = { ...plan, screen: plan.screen.map(({ column }) => ({ column, wordSet: 0 })) };
  const image = names.indexOf('Image');
  const commandLine = names.indexOf('CommandLine');
  const originalFileName = names.indexOf('OriginalFileName');
  let rows = 0;
  for (const body of bodies) {
    const cursor = new CsvCursor(body, headerEnd);
    while (cursor.next()) rows++;
  }
  const bytes = bodies.reduce((sum, body) => sum + body.length, 0);
  console.log(`${path.basename(file)}: ${bodies.length} chunks, ${rows} rows, ${(bytes / rows).toFixed(0)} bytes/row, ${names.length} columns`);
  const screened = plan.screen.map(({ column, wordSet }) => `${names[column]}:${wordSet}`).join(',');
  console.log(`plan: width ${plan.width}, screen (column:word set) [${screened}], keep [${plan.keep.join(',')}]; ${QUIET_WORD_SETS.sets.length} word sets; ${runs} rounds`);

  const windowAt = args.indexOf('--window');
  const windowBytes = windowAt >= 0 ? Number(args[windowAt + 1]) : undefined;
  const indexerOf = (wordSets: readonly (readonly string[])[], walk: 'simd' | 'bytes') => {
    const indexer = createWasmIndexer(wordSets, { walk, windowBytes });
    if (!indexer) throw new Error('WebAssembly SIMD is unavailable');
    return indexer;
  };
  const walks = (['simd', 'bytes'] as const).map((walk) => [walk, indexerOf(QUIET_WORD_SETS.sets, walk)] as const);
  const unionIndexer = indexerOf(UNION, 'simd');
  const unscreened: IndexPlan = { ...plan, screen: [] };

  time('(a) CsvCursor walking every record', rows, runs, () => {
    let count = 0;
    for (const body of bodies) {
      const cursor = new CsvCursor(body, headerEnd);
      while (cursor.next()) count++;
    }
    return count;
  });
  const flaggedRows = (indexer: NonNullable<ReturnType<typeof createWasmIndexer>>, p: IndexPlan) => (): number => {
    let flagged = 0;
    for (const body of bodies) {
      const table = indexer.index(body, headerEnd, p);
      if (!table) throw new Error('indexer returned null');
      for (let r = 0; r < table.count; r++) if ((table.data[r * table.stride + 3] & KEY_WORD) !== 0) flagged++;
    }
    return flagged;
  };
  for (const [walk, indexer] of walks) {
    for (const [what, p] of [['+ per-column word sets', plan], ['no screen', unscreened]] as const) {
      time(`(b) WASM indexer, ${walk} walk, ${what}`, rows, runs, flaggedRows(indexer, p));
    }
  }
  time('(b) WASM indexer, simd walk, + one union word set', rows, runs, flaggedRows(unionIndexer, unionPlan));
  time('(c) (a) + decode 3 cells + screen.ts key-word regexes', rows, runs, () => {
    let loud = 0;
    for (const body of bodies) {
      const cursor = new CsvCursor(body, headerEnd);
      while (cursor.next()) {
        const img = cursor.text(image);
        const cmd = cursor.text(commandLine);
        const ofn = cursor.text(originalFileName);
        const quiet = !IMAGE_WORDS.test(img) && !COMMAND_LINE_WORDS.test(cmd) && !OFN_WORDS.test(ofn);
        if (!quiet) loud++;
      }
    }
    return loud;
  });
  report(rows, runs);
  const handedOn = (flagged: number): string => `${flagged} of ${rows} rows (${((100 * flagged) / rows).toFixed(1)}%)`;
  console.log(`rows handed on (KEY_WORD): per-column word sets ${handedOn(flaggedRows(walks[0][1], plan)())}; one union set ${handedOn(flaggedRows(unionIndexer, unionPlan)())}`);
  // Untimed: the flag is a superset of what (c) finds (a row (c) finds not quiet must carry KEY_WORD).
  let missed = 0;
  for (const body of bodies) {
    const table = walks[0][1].index(body, headerEnd, plan);
    const cursor = new CsvCursor(body, headerEnd);
    for (let r = 0; cursor.next(); r++) {
      const img = cursor.text(image);
      const cmd = cursor.text(commandLine);
      const quiet = !IMAGE_WORDS.test(img) && !COMMAND_LINE_WORDS.test(cmd) && !OFN_WORDS.test(cursor.text(originalFileName));
      if (!quiet && (table!.data[r * table!.stride + 3] & KEY_WORD) === 0) missed++;
    }
  }
  console.log(`rows (c) finds not quiet without KEY_WORD: ${missed}`);
}

main();
