/**
 * An append-only byte buffer for building a reply body in one allocation (grown by doubling when
 * an estimate was short), instead of joining strings and encoding them at the end.
 */
export class ByteBuilder {
  private buffer: Buffer;
  /** Bytes written so far. */
  length = 0;

  /** @param capacity first allocation, bytes (e.g. the request body's size plus room for new cells) */
  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafeSlow(Math.max(capacity, 64));
  }

  /**
   * Empties the builder for the next reply, keeping its memory when it holds `capacity` bytes
   * (one reply buffer for the whole session instead of one per chunk; the previous result must be
   * written by then).
   */
  reset(capacity: number): void {
    this.length = 0;
    // An eighth more than asked, so that a slightly larger next reply reuses the same memory.
    if (this.buffer.length < capacity) this.buffer = Buffer.allocUnsafeSlow(capacity + (capacity >> 3));
  }

  /** Appends `source[start, end)` unchanged. */
  copy(source: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    this.length += source.copy(this.buffer, this.length, start, end);
  }

  /** Appends one byte. */
  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  /**
   * Appends text as UTF-8. Short text is stored by a JS loop while it is ASCII: cheaper than a
   * native `Buffer#write` call for the ~15-byte cells appended to every row (narrow 1M rows: ~150 ms).
   */
  text(value: string): void {
    const n = value.length;
    this.reserve(n * 3);
    const buffer = this.buffer;
    if (n <= 64) {
      let at = this.length;
      let i = 0;
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        buffer[at++] = c;
      }
      if (i === n) {
        this.length = at;
        return;
      }
    }
    this.length += buffer.write(value, this.length, 'utf8');
  }

  /** The bytes written (a view of the internal buffer; no copy). */
  result(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
