import { keyWordFreeOutput, OutputValues } from '../../detection/scoreEvent';
import { QUIET_SCREEN, UNSCREENED_FIELDS } from '../../detection/screen';
import { FieldColumns, RowCells } from '../../events/eventView';
import { ASCII_CHARACTERS, CsvCursor } from '../../protocol/csvCursor';
import { IndexPlan, ONE_BYTE, RecordIndexer, RecordTable, ScreenedColumn } from './contract';
import { QUIET_WORD_SETS } from './wordSets';
import type { CommandOptions } from '../options';

const QUOTE = 0x22;

/**
 * What the index reads of a chunk with these columns and `width` cells a record: it screens every
 * column of every field of the screen (detection/screen.ts QUIET_SCREEN: each alias, plain and `__mv_`, so
 * whichever EventView.values reads is screened), each for its own field's words (wordSets.ts
 * QUIET_WORD_SETS: `powershell` in ParentImage is no key word, `servers` is); splunkd sends aliases
 * side by side with the same bytes, which the WebAssembly indexer screens once. It keeps the
 * EventCode columns; the first one's value is reported in the flags when it is one byte (`1`).
 */
export function indexPlanOf(columns: FieldColumns, width: number): IndexPlan {
  const screen = QUIET_SCREEN.fields
    .flatMap(({ field }) => columns.columnsOf(field).map((column): ScreenedColumn => ({ column, wordSet: QUIET_WORD_SETS.setOf.get(field) as number })))
    .sort((a, b) => a.column - b.column || a.wordSet - b.wordSet);
  const [firstCode] = columns.pairsOf('EventCode');
  return { width, screen, keep: columns.columnsOf('EventCode'), ...(firstCode ? { byteColumn: firstCode.plain } : {}) };
}

/**
 * The chunk's records through a record index when the header lets the index answer rows (it has an
 * EventCode column and none of the screen's UNSCREENED_FIELDS); undefined (read every record with
 * the cursor) otherwise or when the indexer declines the body.
 */
export function indexedRecords(indexer: RecordIndexer, body: Buffer, from: number, columns: FieldColumns, width: number): IndexedRecords | undefined {
  const plan = indexPlanOf(columns, width);
  // Identity-plane chunks (sign-ins, GitHub audit entries) are read in full: their EventCode column,
  // if any, is a CIM signature_id, which does not say what the event is (identityEvidence.ts).
  if (plan.keep.length === 0 || UNSCREENED_FIELDS.some((field) => columns.pairsOf(field).length > 0)) return undefined;
  const table = indexer.index(body, from, plan);
  return table ? new IndexedRecords(table, body, columns, plan) : undefined;
}

/**
 * A chunk's records read from its {@link RecordTable}, in order. For each, {@link quietOutput} gives
 * the output without reading the record's cells when the index says it can (no key word in the
 * screened cells, and an EventCode whose analyser is the process one or none); other records are
 * read with the cursor ({@link readInto}).
 * What it bought (with the WebAssembly indexer, narrow 1M real EID 1 rows): user CPU 2.47 -> ~1.5 s,
 * wall 3.0 -> ~2.0 s (BENCHMARKS.md; ~1.2 s and ~1.6 s with the later work on the reply); ~95% of
 * those rows are answered from the table.
 */
export class IndexedRecords implements RowCells {
  /** The next record of the table to score. */
  next = 0;
  private at = 0;
  private readonly keepSlot: Int16Array;
  /** Offset (4 + 2 * slot) of the first EventCode alias's `__mv_` cell (-1: none). */
  private readonly codeMultivalueOffset: number;
  /** keyWordFreeOutput per one-byte EventCode, for this chunk's options (undefined: not yet asked). */
  private readonly byteCodeOutputs: (OutputValues | null | undefined)[] = new Array(0x80).fill(undefined);
  private options: CommandOptions | undefined;

  constructor(
    readonly table: RecordTable,
    private readonly body: Buffer,
    private readonly columns: FieldColumns,
    plan: IndexPlan,
  ) {
    this.keepSlot = new Int16Array(plan.width).fill(-1);
    plan.keep.forEach((column, slot) => (this.keepSlot[column] = slot));
    const [first] = columns.pairsOf('EventCode');
    this.codeMultivalueOffset = first && first.multivalue >= 0 ? this.rangeAt(first.multivalue) : -1;
  }

  /** Byte offset where record `r` starts. */
  start(r: number): number {
    return this.table.data[r * this.table.stride];
  }

  /**
   * The output of record `r`, which the index found free of key words, when its EventCode decides it
   * (see keyWordFreeOutput), else null.
   */
  quietOutput(r: number, options: CommandOptions): OutputValues | null {
    this.at = r * this.table.stride;
    const flags = this.table.data[this.at + 3];
    // EventCode `1` (one byte, reported by the index; no `__mv_` value): no read of the body, whose
    // bytes are out of cache by now (a read per row cost ~80 ms of narrow 1M rows, BENCHMARKS.md).
    if ((flags & ONE_BYTE) !== 0 && (this.codeMultivalueOffset < 0 || this.emptyAt(this.codeMultivalueOffset))) {
      const byte = (flags >> 8) & 0xff;
      if (byte < 0x80 && byte !== QUOTE) {
        if (options !== this.options) {
          this.byteCodeOutputs.fill(undefined);
          this.options = options;
        }
        let out = this.byteCodeOutputs[byte];
        if (out === undefined) out = this.byteCodeOutputs[byte] = keyWordFreeOutput(ASCII_CHARACTERS[byte], options);
        return out;
      }
    }
    return keyWordFreeOutput(this.columns.valuesOf('EventCode', this)[0] ?? '', options);
  }

  /** True when the kept cell at `offset` (4 + 2 * slot) of the current record is empty or absent. */
  private emptyAt(offset: number): boolean {
    const data = this.table.data;
    const start = data[this.at + offset];
    if (start < 0) return true;
    const length = data[this.at + offset + 1] - start;
    return length === 0 || (length === 2 && this.body[start] === QUOTE);
  }

  /** Puts `cursor` on record `r` (it reads the record's cells). */
  readInto(cursor: CsvCursor, r: number): void {
    cursor.position = this.start(r);
    cursor.next();
  }

  /** RowCells of the kept cells of the record {@link quietOutput} was last asked about. */
  isEmpty(column: number): boolean {
    return this.emptyAt(this.rangeAt(column));
  }

  text(column: number): string {
    const at = this.at + this.rangeAt(column);
    const start = this.table.data[at];
    const end = this.table.data[at + 1];
    if (start < 0) return '';
    if (this.body[start] !== QUOTE) return end - start === 1 && this.body[start] < 0x80 ? ASCII_CHARACTERS[this.body[start]] : this.body.toString('utf8', start, end);
    return this.body.toString('utf8', start + 1, end - 1).replaceAll('""', '"');
  }

  /** Where a kept column's range is in a record's table entry. */
  private rangeAt(column: number): number {
    const slot = this.keepSlot[column];
    if (slot < 0) throw new Error(`internal: column ${column} is not kept by the record index`);
    return 4 + 2 * slot;
  }
}
