import { ProtocolError } from './errors';

const QUOTE = 0x22;
/**
 * One-character strings of the ASCII bytes: a one-byte unquoted cell (a code, a flag) is
 * read without a native decode call.
 */
export const ASCII_CHARACTERS: readonly string[] = Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code));
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Options of {@link CsvCursor}. */
export interface CsvCursorOptions {
  /**
   * Throw {@link ProtocolError} BAD_CSV, naming the row and the byte, at bytes that are not valid
   * CSV and at a record whose cell count is not the header's (the first record read), instead of
   * stopping with {@link CsvCursor.malformed} set. The command reads execute bodies this way; the
   * record indexers read without it and decline such a body.
   */
  strict?: boolean;
  /** 0-based chunk index named in a strict cursor's errors. */
  chunkIndex?: number;
}

/**
 * Reads a chunk body (RFC 4180 CSV, the format {@link parseCsvBody} reads) record by record over
 * its bytes, without decoding it: for the current record it keeps each cell's byte range, so a
 * caller can copy the record's bytes unchanged and decode only the cells it needs. Cells are decoded
 * as UTF-8 with each invalid sequence read as U+FFFD (the record structure is ASCII, so invalid
 * bytes never change where a cell ends).
 *
 * Measured (bench/, 50,000-row chunks of real event rows): parsing the whole body as a string
 * into string[][] and re-encoding every cell cost ~60% of the command's time (GC, `Buffer#toString`
 * slices, `writeCsvBody`); reading byte ranges and copying untouched bytes removed that share.
 *
 * Records end in `\n`, `\r\n` or a lone `\r` (as in parseCsvBody); a final record may lack its
 * terminator. {@link next} returns false at the end of the body. At bytes that are not valid CSV
 * (unterminated quote, text after a closing quote) it throws BAD_CSV when the cursor is strict
 * ({@link CsvCursorOptions}), else returns false and sets {@link malformed}.
 */
export class CsvCursor {
  /** Byte offset where the current record starts. */
  recordStart = 0;
  /** Byte offset just after the current record's last cell (its terminator excluded). */
  recordEnd = 0;
  /** Number of cells in the current record. */
  cellCount = 0;
  /** True once {@link next} met bytes that are not valid CSV. */
  malformed = false;

  /** Byte offset where the next record starts. */
  position: number;
  /** Per cell: start, end (byte offsets of the raw cell, quotes included); 0 unquoted, 1 quoted, 2 quoted holding `""`. */
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private quoted = new Uint8Array(64);
  private scratch = Buffer.allocUnsafe(0);
  /** Strict cursors: the header's cell count once the first record is read (-1 before). */
  private width = -1;
  private readonly strict: boolean;
  private readonly chunkIndex: number | undefined;

  /** @param start byte offset of the first record to read (0: the header) */
  constructor(
    readonly body: Buffer,
    start = 0,
    options: CsvCursorOptions = {},
  ) {
    this.position = start;
    this.strict = options.strict === true;
    this.chunkIndex = options.chunkIndex;
  }

  /**
   * Advances to the next record; false at the end of the body or (not strict) when it is malformed.
   * @throws ProtocolError BAD_CSV (strict cursors only) for bad CSV or a record of the wrong width
   */
  next(): boolean {
    const body = this.body;
    const length = body.length;
    let i = this.position;
    if (i >= length || this.malformed) return false;
    this.recordStart = i;
    let count = 0;
    for (;;) {
      if (count === this.starts.length) this.grow();
      this.starts[count] = i;
      if (i < length && body[i] === QUOTE) {
        let q = i + 1;
        let kind = 1;
        for (;;) {
          q = body.indexOf(QUOTE, q);
          if (q === -1) return this.fail(i, 'unterminated quoted cell (the body ends inside it)');
          if (q + 1 < length && body[q + 1] === QUOTE) {
            q += 2;
            kind = 2;
            continue;
          }
          break;
        }
        i = q + 1;
        this.quoted[count] = kind;
        if (i < length) {
          const c = body[i];
          if (c !== COMMA && c !== LF && c !== CR) return this.fail(i, 'text after a closing quote');
        }
      } else {
        while (i < length) {
          const c = body[i];
          if (c === COMMA || c === LF || c === CR) break;
          i++;
        }
        this.quoted[count] = 0;
      }
      this.ends[count] = i;
      count++;
      if (i >= length) {
        this.recordEnd = i;
        this.position = i;
        break;
      }
      const c = body[i];
      if (c === COMMA) {
        i++;
        continue;
      }
      this.recordEnd = i;
      this.position = c === CR && i + 1 < length && body[i + 1] === LF ? i + 2 : i + 1;
      break;
    }
    this.cellCount = count;
    if (this.strict && count !== this.width) {
      if (this.width >= 0) this.fail(this.recordStart, `${count} cells but the header has ${this.width}`);
      this.width = count;
    }
    return true;
  }

  /** Byte offset where cell `index` of the current record starts (its opening quote included). */
  cellStart(index: number): number {
    return this.starts[index];
  }

  /** Byte offset just after cell `index` of the current record (its closing quote included). */
  cellEnd(index: number): number {
    return this.ends[index];
  }

  /** True when cell `index` of the current record is empty (`` or `""`). */
  isEmpty(index: number): boolean {
    return this.ends[index] - this.starts[index] === (this.quoted[index] === 0 ? 0 : 2);
  }

  /** The decoded text of cell `index` of the current record (quotes removed, `""` made `"`). */
  text(index: number): string {
    const start = this.starts[index];
    const end = this.ends[index];
    if (this.quoted[index] === 0) {
      if (end - start === 1 && this.body[start] < 0x80) return ASCII_CHARACTERS[this.body[start]];
      return start === end ? '' : this.body.toString('utf8', start, end);
    }
    if (this.quoted[index] === 1) return this.body.toString('utf8', start + 1, end - 1);
    return this.unescapeQuotes(start + 1, end - 1);
  }

  /**
   * Decodes a quoted cell's inside with each `""` made `"`, through a reused scratch buffer in one
   * byte loop. `String#replace(/""/g)` on a 1 MB cell of quotes spent ~2 s in GC (bench regex
   * linearity case "quotes and backslashes"); this takes milliseconds.
   */
  private unescapeQuotes(from: number, to: number): string {
    // Short cells (typical quoted command lines): one decode and a native replace is cheapest.
    if (to - from < 4096) return this.body.toString('utf8', from, to).replaceAll('""', '"');
    if (this.scratch.length < to - from) this.scratch = Buffer.allocUnsafe(Math.max(to - from, this.scratch.length * 2));
    const body = this.body;
    const scratch = this.scratch;
    let j = 0;
    for (let k = from; k < to; k++) {
      const b = body[k];
      scratch[j++] = b;
      if (b === QUOTE) k++;
    }
    return scratch.toString('utf8', 0, j);
  }

  /** Every cell of the current record, decoded (for the header). */
  texts(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.cellCount; i++) out.push(this.text(i));
    return out;
  }

  /** Marks the body malformed at byte `at`; a strict cursor throws BAD_CSV naming the row and the byte. */
  private fail(at: number, problem: string): false {
    this.malformed = true;
    if (!this.strict) return false;
    throw new ProtocolError('BAD_CSV', `row ${this.rowAt(this.recordStart)} (the header is row 0), byte ${at}: ${problem}`, this.chunkIndex);
  }

  /** The number of the record starting at `start`, counted from the body's first (0): a new walk, only for errors. */
  private rowAt(start: number): number {
    const walk = new CsvCursor(this.body);
    let row = 0;
    while (walk.next() && walk.recordStart < start) row++;
    return row;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const quoted = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    quoted.set(this.quoted);
    this.starts = starts;
    this.ends = ends;
    this.quoted = quoted;
  }
}
