import { keyWordFreeOutput, OUTPUT_FIELDS, OutputValues } from '../detection/scoreEvent';
import { FieldColumns } from '../events/eventView';
import { ByteBuilder } from '../protocol/byteBuilder';
import { encodeCsvCell, encodeMultivalue } from '../protocol/csvBody';
import { CsvCursor } from '../protocol/csvCursor';
import type { InspectorMessage } from '../protocol/session';
import type { CommandOptions } from './options';
import { KEY_WORD, RAGGED, RecordIndexer } from './recordIndex/contract';
import { defaultIndexer } from './recordIndex/defaultIndexer';
import { IndexedRecords, indexedRecords } from './recordIndex/indexedRecords';
import { RowEvents } from './rowEvents';

/**
 * Reusable memory of {@link scoreCsvBytes} for one session: the appended cells of every row, their
 * row layout, and a reply buffer for chunks that cannot be answered in place.
 */
export class ReplyScratch {
  readonly cells = new ByteBuilder(64 * 1024);
  readonly reply = new ByteBuilder(0);
  /**
   * Per record (header first): start and end of its bytes in the body (an empty range when the
   * whole row is written in `cells`: rewriteRecords), end of its cells in `cells`.
   */
  starts: Int32Array = new Int32Array(1024);
  ends: Int32Array = new Int32Array(1024);
  cellEnds: Int32Array = new Int32Array(1024);
  /** Records noted so far. */
  count = 0;
  /**
   * Per record: 1 when its cells are `sharedCells` (rows noted by scoreIndexedRecords) rather than in
   * `cells`. What it bought: the no-verdict rows the record index answers (~98% of narrow rows)
   * write their ~40 bytes of cells once, into the reply, instead of twice (BENCHMARKS.md).
   */
  shared: Uint8Array = new Uint8Array(1024);
  /** The output whose rows are noted with `shared` set, and its encoded cells. */
  sharedValues: OutputValues | null = null;
  sharedCells: Buffer = Buffer.alloc(0);
  /** Records noted with `shared` set. */
  sharedCount = 0;

  /** Empties the record list and the cells for the next chunk (keeping the memory). */
  clear(): void {
    this.count = 0;
    this.cells.reset(0);
    this.sharedValues = null;
    this.sharedCount = 0;
  }

  /** Lets the rows whose output is `values` be noted with `shared` set (their cells not copied). */
  share(values: OutputValues): void {
    this.sharedValues = values;
    this.sharedCells = Buffer.from(sharedCells(values), 'utf8');
  }

  /**
   * Where the cells of record `r` are (the one way to find them): the bytes `cellStart(r)` to
   * `cellEnd(r)` of `cellSource(r, own)`, `own` being `cells.result()` once every record is noted.
   */
  cellSource(r: number, own: Buffer): Buffer {
    return this.shared[r] === 1 ? this.sharedCells : own;
  }

  cellStart(r: number): number {
    return this.shared[r] === 1 || r === 0 ? 0 : this.cellEnds[r - 1];
  }

  cellEnd(r: number): number {
    return this.shared[r] === 1 ? this.sharedCells.length : this.cellEnds[r];
  }

  /** Notes one record: its bytes `[start, end)` in the body; its cells end at the current end of `cells`. */
  add(start: number, end: number): void {
    const at = this.count;
    this.ensure(at + 1);
    this.starts[at] = start;
    this.ends[at] = end;
    this.cellEnds[at] = this.cells.length;
    this.shared[at] = 0;
    this.count = at + 1;
  }

  /** Makes room for `count` records. */
  ensure(count: number): void {
    if (count <= this.starts.length) return;
    const size = Math.max(count, this.starts.length * 2);
    const grow = (old: Int32Array): Int32Array => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
    this.cellEnds = grow(this.cellEnds);
    const shared = new Uint8Array(size);
    shared.set(this.shared);
    this.shared = shared;
  }
}

/**
 * Scores one execute chunk over the body's bytes and returns the reply body: every row's bytes
 * unchanged (invalid UTF-8 included; the detection reads it as U+FFFD), with the output cells
 * appended in OUTPUT_FIELDS order (a `__mv_` cell after each multivalue field); only the cells the
 * detection asks for are decoded. A body whose header already holds output columns has them
 * overwritten in place and the others appended (docs/guarantees.md). An empty body is answered
 * with an empty body. Measured on the benchmark (bench/, 50,000-row chunks of real Sysmon EID 1):
 * see BENCHMARKS.md.
 *
 * With `room` (the chunk's own memory from the body's first byte, longer than the body; see
 * bufferPool.ts), the reply is assembled in place, last row first, so no second chunk-sized
 * buffer is needed (peak RSS narrow 1M rows 212 -> 178 MB, wide 200k 683 -> 495 MB,
 * BENCHMARKS.md); the body is only changed once every row has been read. Without it, or when the
 * reply does not fit, the reply goes to `scratch.reply`. The reply must be written before the
 * next call (the session does so).
 *
 * @param chunkIndex 0-based chunk index named in errors
 * @throws ProtocolError BAD_CSV (from CsvCursor, naming the row and the byte) when the body is not
 *   valid CSV or a row's cell count is not the header's
 */
export function scoreCsvBytes(
  body: Buffer,
  options: CommandOptions,
  scratch: ReplyScratch = new ReplyScratch(),
  room?: Buffer,
  indexer: RecordIndexer | null = defaultIndexer(),
  chunkIndex?: number,
): { body: Buffer; messages: InspectorMessage[] } {
  if (body.length === 0) return { body, messages: [] };
  const cursor = new CsvCursor(body, 0, { strict: true, chunkIndex });
  cursor.next();
  const header = cursor.texts();
  const layout = replyLayout(header);

  scratch.clear();
  const columns = new FieldColumns(header);
  const rawIndex = options.raw ? header.indexOf('_raw') : -1;
  const events = new RowEvents(columns, rawIndex, cursor);
  if (layout.overwrites) {
    rewriteRecords(cursor, events, options, scratch, layout);
  } else {
    scratch.cells.text(`,${layout.header.slice(header.length).map(encodeCsvCell).join(',')}\n`);
    scratch.add(cursor.recordStart, cursor.recordEnd);
    const indexed = rawIndex < 0 && indexer ? indexedRecords(indexer, body, cursor.position, columns, header.length) : undefined;
    const quiet = keyWordFreeOutput('1', options);
    if (indexed && quiet) scratch.share(quiet);
    if (indexed) scoreIndexedRecords(indexed, cursor, events, options, scratch);
    else scoreRecords(cursor, events, options, scratch);
  }
  let total = scratch.cells.length + scratch.sharedCount * scratch.sharedCells.length;
  for (let r = 0; r < scratch.count; r++) total += scratch.ends[r] - scratch.starts[r];
  const records = scratch.count;
  const reply = room && total <= room.length ? assembleInPlace(room, scratch, records, total) : assemble(body, scratch, records, total);
  return { body: reply, messages: events.warnings(records - 1) };
}

/**
 * The reply's columns for an input header: the input columns in place, then each output field's
 * column (and `__mv_` column for a multivalue field) that the header lacks. `slots` says what each
 * reply column holds: -1 the input cell, `2k` the value of OUTPUT_FIELDS[k], `2k + 1` its `__mv_`
 * cell. `overwrites` when some input column is an output column (the first column of a name counts).
 */
interface ReplyLayout {
  header: string[];
  slots: Int32Array;
  overwrites: boolean;
}

/** The {@link ReplyLayout} of an input header. */
function replyLayout(input: readonly string[]): ReplyLayout {
  const header = [...input];
  const slots: number[] = input.map(() => -1);
  let overwrites = false;
  const place = (name: string, slot: number): void => {
    const at = header.indexOf(name);
    if (at >= 0) {
      slots[at] = slot;
      overwrites = true;
    } else {
      header.push(name);
      slots.push(slot);
    }
  };
  OUTPUT_FIELDS.forEach(({ name, multivalue }, k) => {
    place(name, 2 * k);
    if (multivalue || header.includes(`__mv_${name}`)) place(`__mv_${name}`, 2 * k + 1);
  });
  return { header, slots: Int32Array.from(slots), overwrites };
}

/** Scores every record after the header and notes them in `scratch`, reading each with the cursor. */
function scoreRecords(cursor: CsvCursor, events: RowEvents, options: CommandOptions, scratch: ReplyScratch): void {
  const cells = scratch.cells;
  while (cursor.next()) {
    appendCells(cells, events.scoreOf(cursor, options));
    scratch.add(cursor.recordStart, cursor.recordEnd);
  }
}

/**
 * The header and every record of a body whose header holds output columns, written whole into
 * `scratch.cells` per {@link ReplyLayout} (input cells copied as sent, output cells overwritten or
 * appended), each noted with no bytes of its own from the body.
 */
function rewriteRecords(cursor: CsvCursor, events: RowEvents, options: CommandOptions, scratch: ReplyScratch, layout: ReplyLayout): void {
  const cells = scratch.cells;
  const body = cursor.body;
  const { header, slots } = layout;
  for (let j = 0; j < header.length; j++) {
    if (j > 0) cells.byte(COMMA);
    if (slots[j] < 0) cells.copy(body, cursor.cellStart(j), cursor.cellEnd(j));
    else cells.text(encodeCsvCell(header[j]));
  }
  cells.byte(NEWLINE);
  scratch.add(0, 0);
  while (cursor.next()) {
    const values = events.scoreOf(cursor, options);
    for (let j = 0; j < slots.length; j++) {
      if (j > 0) cells.byte(COMMA);
      const slot = slots[j];
      if (slot < 0) {
        cells.copy(body, cursor.cellStart(j), cursor.cellEnd(j));
      } else {
        const value = values[OUTPUT_FIELDS[slot >> 1].name];
        cells.text((slot & 1) === 0 ? plainCell(value) : multivalueCell(value));
      }
    }
    cells.byte(NEWLINE);
    scratch.add(0, 0);
  }
}

/**
 * {@link scoreRecords} over a record index: records the index answers (IndexedRecords.quietOutput)
 * are never decoded; the others are read with the cursor (which throws BAD_CSV for a record the
 * index found ragged).
 */
function scoreIndexedRecords(indexed: IndexedRecords, cursor: CsvCursor, events: RowEvents, options: CommandOptions, scratch: ReplyScratch): void {
  const cells = scratch.cells;
  const { data, stride, count } = indexed.table;
  // Room for every record at once: the no-verdict rows below are noted in place, without a call per
  // row (the loop's own time on narrow 1M rows: user CPU 1.41-1.47 -> 1.31-1.40 s, BENCHMARKS.md).
  scratch.ensure(scratch.count + count - indexed.next + 1);
  const { starts, ends, cellEnds, shared } = scratch;
  const sharedValues = scratch.sharedValues;
  for (let r = indexed.next, at = r * stride; r < count; r++, at += stride) {
    const start = data[at];
    const flags = data[at + 3];
    const quiet = (flags & (KEY_WORD | RAGGED)) === 0 ? indexed.quietOutput(r, options) : null;
    if (quiet !== null && quiet === sharedValues) {
      const n = scratch.count;
      starts[n] = start;
      ends[n] = data[at + 1];
      cellEnds[n] = cells.length;
      shared[n] = 1;
      scratch.count = n + 1;
      scratch.sharedCount++;
    } else if (quiet !== null) {
      appendCells(cells, quiet);
      scratch.add(start, data[at + 1]);
    } else {
      indexed.readInto(cursor, r);
      appendCells(cells, events.scoreOf(cursor, options));
      scratch.add(cursor.recordStart, cursor.recordEnd);
    }
  }
  indexed.next = count;
}

/** Writes each record's bytes then its cells into `scratch.reply`. */
function assemble(body: Buffer, scratch: ReplyScratch, records: number, total: number): Buffer {
  const out = scratch.reply;
  out.reset(total);
  const own = scratch.cells.result();
  for (let r = 0; r < records; r++) {
    out.copy(body, scratch.starts[r], scratch.ends[r]);
    out.copy(scratch.cellSource(r, own), scratch.cellStart(r), scratch.cellEnd(r));
  }
  return out.result();
}

/**
 * Bytes of records staged at a time by {@link assembleInPlace}: small enough to stay in the CPU's
 * cache, large enough that staging is one bulk copy per few hundred records.
 */
const STAGE_BYTES = 1 << 18;

/**
 * Moves each record to its place in the reply inside `room` (which begins with the body), last
 * record first. Every record's place is at or after where it was read from (each record gains at
 * least a `,` and a `\n` and loses at most its 2-byte `\r\n`), so no record is overwritten before
 * it is moved; the check below turns a broken assumption into an error, never into a corrupt reply.
 *
 * Records are staged: a run of them (at most 256 KiB) is copied in one bulk copy to the room's
 * spare bytes after the reply (ChunkReader gives a quarter more than the chunk), where it stays in
 * cache, and each record is copied from there to its place. What it bought: a `copyWithin` per
 * record straight from memory cost ~185 ns for an 855-byte narrow row (each small copy waits on
 * memory), staged about half (narrow 1M rows: assembleInPlace 255-273 -> 148 ms, BENCHMARKS.md). Staged records are only written at or after the run's first byte, so the records before
 * the run are untouched until their turn. Without spare room, records are moved one by one.
 */
function assembleInPlace(room: Buffer, scratch: ReplyScratch, records: number, total: number): Buffer {
  const own = scratch.cells.result();
  const { starts, ends } = scratch;
  const stageBytes = Math.min(STAGE_BYTES, room.length - total);
  let at = total;
  for (let r = records - 1; r >= 0; ) {
    // The run lo..r of records whose bytes fit the stage; a record larger than the stage is moved alone.
    let lo = r;
    while (lo > 0 && ends[r] - starts[lo - 1] <= stageBytes) lo--;
    const runStart = starts[lo];
    const staged = ends[r] - runStart <= stageBytes;
    // `from` - start: where a record of the run is read (the stage, or its own bytes).
    const from = staged ? total - runStart : 0;
    if (staged) room.copyWithin(total, runStart, ends[r]);
    for (; r >= lo; r--) {
      const cells = scratch.cellSource(r, own);
      const cellStart = scratch.cellStart(r);
      const cellEnd = scratch.cellEnd(r);
      at -= cellEnd - cellStart;
      // The appended cells are short (`,0,0,0,0,0,0\n`): a JS loop beats a native copy call per row.
      if (cellEnd - cellStart <= 64) for (let k = cellStart, to = at; k < cellEnd; k++) room[to++] = cells[k];
      else cells.copy(room, at, cellStart, cellEnd);
      const start = starts[r];
      at -= ends[r] - start;
      if (at < start) throw new Error(`internal: record ${r} would move backwards (${start} -> ${at})`);
      if (at !== start || staged) room.copyWithin(at, from + start, from + ends[r]);
    }
  }
  return room.subarray(0, total);
}

/**
 * True for a short value with no character CSV must quote (flags, scores, severities, technique
 * IDs): skips a regex test per cell (13 output cells a row; appendCells took 244 ms of narrow 1M rows
 * before it; the figure after was not recorded).
 */
function isPlainShort(value: string): boolean {
  if (value.length > 32) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x2c || c === 0x0a || c === 0x0d) return false;
  }
  return true;
}

/**
 * Appends `,v1,v2,...\n`: the output fields of one row as CSV cells, in OUTPUT_FIELDS order (the
 * cells rewriteRecords writes), straight into the reply (no per-row line string).
 */
function appendCells(out: ByteBuilder, values: OutputValues): void {
  if (Object.isFrozen(values)) {
    out.text(sharedCells(values));
    return;
  }
  writeCells(out, values);
}

/**
 * Encoded cells of the shared frozen outputs scoreEvent returns for events with no verdict (at most
 * 64: one per seed-flag combination and alert value), encoded once per process: self time of
 * appendCells + scoreCsvBytes 357 -> 155 ms on narrow 1M rows (`node bench/profile.mjs`).
 */
const SHARED_CELLS = new Map<OutputValues, string>();

function sharedCells(values: OutputValues): string {
  let line = SHARED_CELLS.get(values);
  if (line === undefined) {
    const builder = new ByteBuilder(256);
    writeCells(builder, values);
    line = builder.result().toString('utf8');
    SHARED_CELLS.set(values, line);
  }
  return line;
}

/** {@link appendCells} without the shared-output cache. */
function writeCells(out: ByteBuilder, values: OutputValues): void {
  for (const { name, multivalue } of OUTPUT_FIELDS) {
    const value = values[name];
    out.byte(COMMA);
    out.text(plainCell(value));
    if (multivalue) {
      out.byte(COMMA);
      out.text(multivalueCell(value));
    }
  }
  out.byte(NEWLINE);
}

/** An output field's cell as CSV: its value, or its values joined by `\n` (Splunk's multivalue text). */
function plainCell(value: string | readonly string[]): string {
  if (typeof value === 'string') return isPlainShort(value) ? value : encodeCsvCell(value);
  if (value.length === 1) return isPlainShort(value[0]) ? value[0] : encodeCsvCell(value[0]);
  return value.length === 0 ? '' : encodeCsvCell(value.join('\n'));
}

/** An output field's `__mv_` cell as CSV: `$v1$;$v2$` for two or more values, else empty. */
function multivalueCell(value: string | readonly string[]): string {
  return typeof value !== 'string' && value.length > 1 ? encodeCsvCell(encodeMultivalue(value)) : '';
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
