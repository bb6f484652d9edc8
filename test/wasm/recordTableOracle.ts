import { CsvCursor } from '../../src/protocol/csvCursor';
import { KEY_WORD, ONE_BYTE, RAGGED, type IndexPlan, type RecordTable } from '../../src/command/recordIndex/contract';
import { QUIET_WORD_SETS } from '../../src/command/recordIndex/wordSets';

/** The word sets the command screens for (src/command/recordIndex/wordSets.ts, from src/detection/screen.ts). */
export const WORD_SETS: readonly (readonly string[])[] = QUIET_WORD_SETS.sets;

/**
 * Made-up word sets where words of different sets contain one another (`server` in `servers`, `code`
 * in `xcode` and `vscode`) or end alike, and a word belongs to two sets: a word of one set inside
 * another set's word still counts for its own set only. More words than the kernel's 8 Teddy
 * buckets, so words of different sets share a bucket.
 */
export const NESTED_WORD_SETS: readonly (readonly string[])[] = [
  ['server', 'code', 'tunnel', 'agent'],
  ['servers', 'xcode', 'reagent'],
  ['vscode', 'tunnel', 'remote-dev-server', 'gateway'],
  ['pwsh', 'powershell', 'cursor'],
];

/** ASCII lower-casing of raw bytes (A-Z only; every other byte, >= 0x80 too, unchanged), as latin1 text. */
function asciiLower(bytes: Buffer): string {
  const copy = Buffer.from(bytes);
  for (let i = 0; i < copy.length; i++) if (copy[i] >= 0x41 && copy[i] <= 0x5a) copy[i] |= 0x20;
  return copy.toString('latin1');
}

/**
 * The table the indexer must return, computed the plain way: CsvCursor walks the records, each
 * screened cell's raw bytes are lower-cased and searched with `includes` for the words of its
 * column's set (`wordSets[wordSet]`). null when CsvCursor finds the body malformed.
 */
export function expectedTable(body: Buffer, from: number, plan: IndexPlan, wordSets: readonly (readonly string[])[]): RecordTable | null {
  const stride = 4 + 2 * plan.keep.length;
  const data: number[] = [];
  const cursor = new CsvCursor(body, from);
  let count = 0;
  while (cursor.next()) {
    let flags = cursor.cellCount !== plan.width ? RAGGED : 0;
    for (const { column, wordSet } of plan.screen) {
      if (column >= cursor.cellCount) continue;
      const text = asciiLower(body.subarray(cursor.cellStart(column), cursor.cellEnd(column)));
      if (wordSets[wordSet].some((word) => text.includes(word))) flags |= KEY_WORD;
    }
    const byte = plan.byteColumn;
    if (byte !== undefined && byte < cursor.cellCount && cursor.cellEnd(byte) - cursor.cellStart(byte) === 1) flags |= ONE_BYTE | (body[cursor.cellStart(byte)] << 8);
    data.push(cursor.recordStart, cursor.recordEnd, cursor.position, flags);
    for (const column of plan.keep) {
      if (column < cursor.cellCount) data.push(cursor.cellStart(column), cursor.cellEnd(column));
      else data.push(-1, -1);
    }
    count++;
  }
  if (cursor.malformed) return null;
  return { count, stride, data: Int32Array.from(data) };
}

/** A table as plain arrays (jest's diff of Int32Array views shows the whole backing buffer). */
export function plainTable(table: RecordTable | null): { count: number; stride: number; rows: number[][] } | null {
  if (!table) return null;
  const rows: number[][] = [];
  for (let r = 0; r < table.count; r++) rows.push(Array.from(table.data.subarray(r * table.stride, (r + 1) * table.stride)));
  return { count: table.count, stride: table.stride, rows };
}
