import { CsvCursor } from './csvCursor';
import { KeyWordScreen } from './keyWordScreen';
import { IndexPlan, KEY_WORD, RAGGED, RecordIndexer, RecordTable } from './recordIndex';

/**
 * The {@link RecordIndexer} in JavaScript: CsvCursor's walk and a {@link KeyWordScreen} over the
 * screened cells. The reference the WebAssembly indexer is tested against, and the indexer where
 * WebAssembly is not available.
 */
export class JsRecordIndexer implements RecordIndexer {
  private readonly screen: KeyWordScreen;
  private data = new Int32Array(0);

  /** @param words lower-case ASCII key words (see KeyWordScreen) */
  constructor(words: readonly string[]) {
    this.screen = new KeyWordScreen(words);
  }

  index(body: Buffer, from: number, plan: IndexPlan): RecordTable | null {
    const cursor = new CsvCursor(body, from);
    const stride = 4 + 2 * plan.keep.length;
    let count = 0;
    while (cursor.next()) {
      if ((count + 1) * stride > this.data.length) this.grow((count + 1) * stride);
      const data = this.data;
      const at = count * stride;
      const cells = cursor.cellCount;
      let flags = cells === plan.width ? 0 : RAGGED;
      for (const column of plan.screen) {
        if (column >= cells) break;
        if (this.screen.holdsWord(body, cursor.cellStart(column), cursor.cellEnd(column))) {
          flags |= KEY_WORD;
          break;
        }
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
