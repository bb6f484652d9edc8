import type { RecordIndexer } from './contract';
import { createWasmIndexer } from './wasmIndexer';
import { QUIET_WORD_SETS } from './wordSets';

/**
 * A new record indexer for the screen's word sets (wordSets.ts QUIET_WORD_SETS, derived from
 * detection/screen.ts QUIET_SCREEN; each indexer owns the memory its tables live in): the
 * WebAssembly one (wasmIndexer.ts; narrow rows ~285 ns/row against ~1,140 for CsvCursor + decoding +
 * regexes, BENCHMARKS.md "Record indexer"). Null where WebAssembly SIMD is missing: the records are
 * then read with CsvCursor as before the index existed. The JavaScript indexer
 * (test/helpers/jsRecordIndexer.ts, the tests' second implementation) is not used there: on wide rows it was slower
 * than that path (1.53-1.58 s against 1.40 s on 200,000 rows; narrow 1M 2.75-2.92 against 2.97-3.02).
 */
export function createIndexer(): RecordIndexer | null {
  return createWasmIndexer(QUIET_WORD_SETS.sets);
}

let shared: RecordIndexer | null | undefined;

/**
 * The indexer of whole chunks, made on first use (one per process: a table is valid only until its
 * indexer's next call).
 */
export function defaultIndexer(): RecordIndexer | null {
  if (shared === undefined) shared = createIndexer();
  return shared;
}
