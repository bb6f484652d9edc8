import { CsvCursor } from '../../src/protocol/csvCursor';
import { IndexPlan, KEY_WORD, ONE_BYTE, RAGGED, RecordIndexer, RecordTable } from '../../src/command/recordIndex/contract';

/** ASCII lower case of every byte (other bytes unchanged). */
const LOWER = Uint8Array.from({ length: 256 }, (_, b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b));

/**
 * Finds key words of some word sets in raw bytes without decoding them: the words (lower-case
 * ASCII, at least 2 bytes; each with the mask of the sets holding it) are grouped by their first two
 * bytes, so each position costs one table read, and a word is only compared where its first two
 * bytes (in any ASCII case) are. Bytes >= 0x80 match nothing, as under JavaScript's `i` flag without
 * `u` (src/detection/screen.ts QUIET_SCREEN).
 */
export class KeyWordScreen {
  /** Per lower-cased byte pair (first << 8 | second): index into `groups`, or -1. */
  private readonly pairs = new Int32Array(65536).fill(-1);
  private readonly groups: { bytes: Uint8Array; sets: number }[][] = [];

  /** @param wordSets sets of lower-case ASCII words, each at least 2 bytes (at most 31 sets) */
  constructor(wordSets: readonly (readonly string[])[]) {
    if (wordSets.length > 31) throw new Error(`at most 31 word sets, got ${wordSets.length}`);
    const masks = new Map<string, number>();
    wordSets.forEach((set, id) => set.forEach((word) => masks.set(word, (masks.get(word) ?? 0) | (1 << id))));
    for (const [word, sets] of masks) {
      if (word.length < 2 || !/^[\x20-\x7e]+$/.test(word) || word !== word.toLowerCase()) throw new Error(`not a lower-case ASCII key word: ${JSON.stringify(word)}`);
      const bytes = Buffer.from(word, 'latin1');
      const pair = (bytes[0] << 8) | bytes[1];
      if (this.pairs[pair] < 0) {
        this.pairs[pair] = this.groups.length;
        this.groups.push([]);
      }
      this.groups[this.pairs[pair]].push({ bytes, sets });
    }
  }

  /** True when `bytes[from, to)` holds a word of one of the sets in `sets` (bit s: set s), ASCII case-insensitively. */
  holdsWord(bytes: Uint8Array, from: number, to: number, sets: number): boolean {
    const pairs = this.pairs;
    for (let i = from; i + 1 < to; i++) {
      const group = pairs[(LOWER[bytes[i]] << 8) | LOWER[bytes[i + 1]]];
      if (group < 0) continue;
      for (const word of this.groups[group]) {
        if ((word.sets & sets) === 0 || i + word.bytes.length > to) continue;
        let j = 2;
        while (j < word.bytes.length && LOWER[bytes[i + j]] === word.bytes[j]) j++;
        if (j === word.bytes.length) return true;
      }
    }
    return false;
  }
}

/** A plan's screened columns, each once, with the mask of its word sets (bit s: set s), ascending. */
function screenMasks(plan: IndexPlan): [number, number][] {
  const masks = new Map<number, number>();
  for (const { column, wordSet } of plan.screen) masks.set(column, (masks.get(column) ?? 0) | (1 << wordSet));
  return [...masks].sort((a, b) => a[0] - b[0]);
}

/**
 * The {@link RecordIndexer} contract (src/command/recordIndex/contract.ts) in JavaScript: CsvCursor's walk and
 * a {@link KeyWordScreen} over the screened cells, each for its column's word sets. A second implementation the tests hold the
 * WebAssembly indexer and the command's index path against. The command does not use it: where
 * WebAssembly SIMD is missing it reads records with CsvCursor (src/command/defaultIndexer.ts says why).
 */
export class JsRecordIndexer implements RecordIndexer {
  private readonly screen: KeyWordScreen;
  private data = new Int32Array(0);

  /** @param wordSets sets of lower-case ASCII key words (see KeyWordScreen); a plan's ScreenedColumn.wordSet indexes them */
  constructor(wordSets: readonly (readonly string[])[]) {
    this.screen = new KeyWordScreen(wordSets);
  }

  index(body: Buffer, from: number, plan: IndexPlan): RecordTable | null {
    const cursor = new CsvCursor(body, from);
    const stride = 4 + 2 * plan.keep.length;
    const screened = screenMasks(plan);
    let count = 0;
    while (cursor.next()) {
      if ((count + 1) * stride > this.data.length) this.grow((count + 1) * stride);
      const data = this.data;
      const at = count * stride;
      const cells = cursor.cellCount;
      let flags = cells === plan.width ? 0 : RAGGED;
      for (const [column, sets] of screened) {
        if (column >= cells) break;
        if (this.screen.holdsWord(body, cursor.cellStart(column), cursor.cellEnd(column), sets)) {
          flags |= KEY_WORD;
          break;
        }
      }
      if (plan.byteColumn !== undefined && plan.byteColumn < cells && cursor.cellEnd(plan.byteColumn) - cursor.cellStart(plan.byteColumn) === 1) {
        flags |= ONE_BYTE | (body[cursor.cellStart(plan.byteColumn)] << 8);
      }
      data[at] = cursor.recordStart;
      data[at + 1] = cursor.recordEnd;
      data[at + 2] = cursor.position;
      data[at + 3] = flags;
      for (let k = 0; k < plan.keep.length; k++) {
        const column = plan.keep[k];
        data[at + 4 + 2 * k] = column < cells ? cursor.cellStart(column) : -1;
        data[at + 5 + 2 * k] = column < cells ? cursor.cellEnd(column) : -1;
      }
      count++;
    }
    return cursor.malformed ? null : { count, stride, data: this.data };
  }

  private grow(size: number): void {
    const data = new Int32Array(Math.max(size, this.data.length * 2, 1024));
    data.set(this.data);
    this.data = data;
  }
}
