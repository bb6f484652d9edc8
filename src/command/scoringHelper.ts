import type { CommandOptions } from './options';
import type { TaskContentProblems } from '../events/taskContent';

/**
 * The records a helper scored for the second part of a chunk: per record its bytes
 * `[starts[i], ends[i])` in the chunk body (absolute offsets) and the end of its appended cells in
 * `cells` (CSV `,v1,...\n`, as scoreCsvBytes writes them), and the `_raw` counts behind the
 * chunk's WARN messages (RowEvents).
 */
export interface HelperRecords {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  cellEnds: Int32Array;
  cells: Uint8Array;
  unreadableRaw: number;
  unsafeRaw: number;
  unsafeReason: string;
  truncatedRaw: number;
  task: TaskContentProblems;
}

/** One chunk's second part handed to a helper. */
export interface HelperSplit {
  /**
   * Byte offset where the helper began reading records: the start of a line near the middle of
   * the body, a guess the caller checks (its own reading must reach a record that starts exactly
   * here; a line break inside a quoted cell makes the guess wrong, and the caller then reads the
   * rest itself).
   */
  readonly from: number;
  /**
   * Blocks until the helper is done with the body; its records, or null when it declined (bad CSV
   * or a ragged row in its part, a failure, a helper that stopped). Idempotent: later calls return
   * the same answer at once.
   */
  wait(): HelperRecords | null;
}

/** Chunks (bodies) under this size are scored on the calling thread alone: a split costs ~1 ms of messaging and copying. */
export const SPLIT_MIN_BYTES = 1 << 20;

/** Something that can score the second part of a chunk while the caller scores the first. */
export interface ScoringHelper {
  /** Optional: get ready for a large chunk that is arriving (e.g. start a thread). */
  prepare?(): void;
  /**
   * Starts scoring the records of `body` from a line start near its middle, or returns undefined
   * when it will not (body too small to be worth it, helper not ready or given up).
   *
   * @param body the chunk body (must stay unchanged until `wait()` returned)
   * @param firstRecord byte offset of the first record the caller has not scored yet (the split point is chosen after it)
   * @param header the body's header cells
   */
  submit(body: Buffer, firstRecord: number, header: readonly string[], options: CommandOptions): HelperSplit | undefined;
}
