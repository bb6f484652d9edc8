import { keyWordFreeOutput, OutputValues } from '../detection/scoreEvent';
import { KEY_WORD_FIELDS } from '../detection/prefilter';
import { FieldColumns, RowCells } from '../events/eventView';
import { ASCII_CHARACTERS, CsvCursor } from '../protocol/csvCursor';
import { IndexPlan, KEY_WORD, RAGGED, RecordTable } from '../protocol/recordIndex';
import type { CommandOptions } from './options';

const QUOTE = 0x22;

/**
 * Which cells of a chunk the index screens and keeps: for each key-word field (prefilter.ts
 * KEY_WORD_FIELDS) its first alias in the header (plain and `__mv_` column) is screened — the
 * value EventView.values reads when that plain cell is set and its `__mv_` cell is empty. The
 * EventCode columns are kept (to type the event), and so is every column of a key-word field with
 * more than one alias, so that {@link IndexedRecords.quietOutput} can tell that the screened alias
 * is the one read (or that the field is empty).
 */
export interface ChunkPlan extends IndexPlan {
  /** Per key-word field with several aliases: its first plain column, its first `__mv_` column (-1: none), all its columns. */
  aliased: { plain: number; multivalue: number; all: number[] }[];
}

/** The {@link ChunkPlan} of a chunk with these columns and `width` cells a record. */
export function indexPlanOf(columns: FieldColumns, width: number): ChunkPlan {
  const screen = new Set<number>();
  const keep = new Set<number>(columns.columnsOf('EventCode'));
  const aliased: ChunkPlan['aliased'] = [];
  for (const field of KEY_WORD_FIELDS) {
    const pairs = columns.pairsOf(field);
    if (pairs.length === 0) continue;
    screen.add(pairs[0].plain);
    if (pairs[0].multivalue >= 0) screen.add(pairs[0].multivalue);
    if (pairs.length > 1) {
      const all = columns.columnsOf(field);
      all.forEach((column) => keep.add(column));
      aliased.push({ plain: pairs[0].plain, multivalue: pairs[0].multivalue, all });
    }
  }
  const ascending = (set: Set<number>): number[] => [...set].sort((a, b) => a - b);
  return { width, screen: ascending(screen), keep: ascending(keep), aliased };
}

/**
 * A chunk's records read from its {@link RecordTable}, in order. For each, {@link quietOutput} gives
 * the output without reading the record's cells when the index says it can (no key word in the
 * screened cells, and an EventCode whose analyser is the process one or none); other records are
 * read with the cursor ({@link readInto}).
 */
export class IndexedRecords implements RowCells {
  /** The next record of the table to score. */
  next = 0;
  private at = 0;
  private readonly keepSlot: Int16Array;
  /**
   * plan.aliased as offsets into a record's table entry (4 + 2 * keep slot), flattened:
   * per field `[plain, multivalue (-1: none), n, all columns' n offsets...]`.
   */
  private readonly aliasedOffsets: Int32Array;

  constructor(
    readonly table: RecordTable,
    private readonly body: Buffer,
    private readonly columns: FieldColumns,
    plan: ChunkPlan,
  ) {
    this.keepSlot = new Int16Array(plan.width).fill(-1);
    plan.keep.forEach((column, slot) => (this.keepSlot[column] = slot));
    const offset = (column: number): number => (column < 0 ? -1 : this.rangeAt(column));
    this.aliasedOffsets = Int32Array.from(plan.aliased.flatMap(({ plain, multivalue, all }) => [offset(plain), offset(multivalue), all.length, ...all.map(offset)]));
  }

  /** Byte offset where record `r` starts. */
  start(r: number): number {
    return this.table.data[r * this.table.stride];
  }

  /** Byte offset just after record `r`'s last cell. */
  end(r: number): number {
    return this.table.data[r * this.table.stride + 1];
  }

  /** True when record `r` does not have the header's cell count. */
  ragged(r: number): boolean {
    return (this.table.data[r * this.table.stride + 3] & RAGGED) !== 0;
  }

  /** The output of record `r` when the index alone decides it (see keyWordFreeOutput), else null. */
  quietOutput(r: number, options: CommandOptions): OutputValues | null {
    this.at = r * this.table.stride;
    if ((this.table.data[this.at + 3] & KEY_WORD) !== 0 || !this.screenedAliasesRead()) return null;
    return keyWordFreeOutput(this.columns.valuesOf('EventCode', this)[0] ?? '', options);
  }

  /**
   * True when, for every key-word field with several aliases, the screened first alias is what
   * EventView.values reads (its plain cell set, its `__mv_` cell empty) or the field is empty.
   */
  private screenedAliasesRead(): boolean {
    const offsets = this.aliasedOffsets;
    for (let i = 0; i < offsets.length; i += 3 + offsets[i + 2]) {
      if (!this.emptyAt(offsets[i]) && (offsets[i + 1] < 0 || this.emptyAt(offsets[i + 1]))) continue;
      for (let k = i + 3; k < i + 3 + offsets[i + 2]; k++) if (!this.emptyAt(offsets[k])) return false;
    }
    return true;
  }

  /** True when the kept cell at `offset` (4 + 2 * slot) of the current record is empty or absent. */
  private emptyAt(offset: number): boolean {
    const data = this.table.data;
    const start = data[this.at + offset];
    return start < 0 || data[this.at + offset + 1] - start === (this.body[start] === QUOTE ? 2 : 0);
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
