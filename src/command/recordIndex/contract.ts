/**
 * A chunk body's record index: where each CSV record starts and ends, whether it has the header's
 * cell count, whether some screened cell holds a key word of its column's word set, and the byte ranges of a few kept cells,
 * computed in one pass over the bytes without decoding them. The command uses it to answer rows
 * that need no decoding at all (scoreCsvBytes.ts); the WebAssembly indexer (wasmIndexer.ts) implements it.
 */

/** What to index in one chunk (from its header). Column numbers count from 0. */
export interface IndexPlan {
  /** Cells every record must have: the header's cell count. */
  width: number;
  /**
   * Columns whose raw bytes are screened, each for the words of its word set (ascending by column;
   * a column listed more than once is screened for each of its sets).
   */
  screen: readonly ScreenedColumn[];
  /** Columns whose raw cell ranges are reported (ascending; a few). */
  keep: readonly number[];
  /**
   * A kept column whose value is reported in the flags when it is exactly one byte
   * ({@link ONE_BYTE}): EventCode `1` is then known without reading the body again.
   */
  byteColumn?: number;
}

/**
 * A screened column and its word set: an index into the word sets the indexer was made with
 * (wasmIndexer.ts createWasmIndexer; the command's are wordSets.ts QUIET_WORD_SETS).
 */
export interface ScreenedColumn {
  column: number;
  wordSet: number;
}

/** Flag bit: the record's cell count is not the plan's width. */
export const RAGGED = 1;
/**
 * Flag bit: some screened cell's raw bytes (quotes included) hold a word of that column's word set,
 * ASCII case-insensitively (a word of another column's set does not count).
 */
export const KEY_WORD = 2;
/** Flag bit: the plan's byteColumn cell is exactly one byte long; flag bits 8-15 hold that byte. */
export const ONE_BYTE = 4;

/**
 * The index of a body: `count` records; record r is `data[r * stride ...]`:
 * `[start, end, next, flags, keep0Start, keep0End, keep1Start, keep1End, ...]` where start is the byte
 * offset of its first cell, end the offset just after its last cell (terminator excluded), next where
 * the following record starts (after `\n`, `\r\n` or a lone `\r`; the body's length at the end) —
 * exactly CsvCursor's recordStart, recordEnd and position — flags are {@link RAGGED},
 * {@link KEY_WORD} and {@link ONE_BYTE} (its byte in bits 8-15), and each kept column's raw cell
 * range (quotes included; -1, -1 when the record has no such cell).
 */
export interface RecordTable {
  count: number;
  /** 4 + 2 * plan.keep.length */
  stride: number;
  data: Int32Array;
}

/** Builds a {@link RecordTable} for a body. */
export interface RecordIndexer {
  /**
   * Indexes `body` from byte `from` (a record start) to its end. Null when the bytes are not CSV
   * exactly as CsvCursor reads them, or hold something the indexer does not read identically: the
   * caller then reads the body with CsvCursor. The table is valid until the next call.
   */
  index(body: Buffer, from: number, plan: IndexPlan): RecordTable | null;
}
