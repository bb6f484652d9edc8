import { FieldColumns } from '../events/eventView';
import type { RecordIndexer } from '../protocol/recordIndex';
import { CsvCursor } from '../protocol/csvCursor';
import type { CommandOptions } from './options';
import { RowEvents } from './rowEvents';
import { createIndexer } from './defaultIndexer';
import { indexedRecords, ReplyScratch, RecordsOutcome, scoreRecords } from './scoreCsvBytes';
import type { HelperRecords } from './scoringHelper';

/** The indexer of second parts (see defaultIndexer). */
let partIndexer: RecordIndexer | null | undefined;

/** Bytes of records scored between two progress beats. */
const BEAT_BYTES = 1 << 20;

/**
 * The helper's side of a split chunk: scores the records of `part`, a copy of the chunk body from
 * byte `offset` to its end, exactly as scoreCsvBytes scores the first part (same loop,
 * scoreRecords); the record offsets it returns are the body's (`offset` added). Returns null when its
 * part is not valid CSV or has a ragged row (the caller then reads that part itself and finds the
 * same problem, or finds that `from` was not a record start). Calls `beat` after each ~1 MB of
 * records, so that a waiting caller can tell a slow helper from a stopped one. The result's arrays
 * have buffers of their own (they outlive `scratch` and can be transferred): copies of the record
 * offsets, and the cells' memory itself, taken from `scratch` (ByteBuilder.detach), which continues in `cellsMemory` when given (the
 * memory of an earlier answer the caller is done with).
 */
export function scoreSecondPart(
  part: Buffer,
  offset: number,
  header: readonly string[],
  options: CommandOptions,
  scratch: ReplyScratch,
  beat: () => void,
  cellsMemory?: ArrayBuffer,
): HelperRecords | null {
  const cursor = new CsvCursor(part);
  const columns = new FieldColumns(header);
  const rawIndex = options.raw ? header.indexOf('_raw') : -1;
  const events = new RowEvents(columns, rawIndex, cursor);
  partIndexer ??= createIndexer();
  const indexer = partIndexer;
  const indexed = rawIndex < 0 && indexer ? indexedRecords(indexer, part, 0, columns, header.length) : undefined;
  scratch.clear();
  let outcome: RecordsOutcome = scoreRecords(cursor, events, options, header.length, scratch, BEAT_BYTES, false, indexed);
  while (outcome === 'stopped') {
    beat();
    outcome = scoreRecords(cursor, events, options, header.length, scratch, cursor.recordStart + BEAT_BYTES, true, indexed);
  }
  if (outcome !== 'end') return null;
  const count = scratch.count;
  return {
    count,
    starts: shifted(scratch.starts, count, offset),
    ends: shifted(scratch.ends, count, offset),
    cellEnds: scratch.cellEnds.slice(0, count),
    cells: scratch.cells.detach(64 * 1024, cellsMemory),
    unreadableRaw: events.unreadableRaw,
    unsafeRaw: events.unsafeRaw,
    unsafeReason: events.firstUnsafeReason,
    truncatedRaw: events.truncatedRaw,
    task: events.taskProblems(),
  };
}

/** The first `count` values of `values` plus `offset`, in an array of their own. */
function shifted(values: Int32Array, count: number, offset: number): Int32Array {
  const out = values.slice(0, count);
  for (let i = 0; i < count; i++) out[i] += offset;
  return out;
}
