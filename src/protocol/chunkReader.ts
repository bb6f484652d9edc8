import { constants } from 'buffer';
import { ProtocolError } from './errors';

/**
 * One protocol message: `chunked 1.0,<metadata bytes>,<body bytes>\n` + JSON metadata + body.
 * Format source: ../shared/reference/scpv2/README.md (splunkd recordings); lengths are UTF-8 byte counts.
 */
export interface Chunk {
  /** 0-based position of the chunk in the stream (the getinfo chunk is 0). */
  index: number;
  /** Parsed JSON metadata, e.g. `{"action":"execute","finished":false}`. */
  metadata: Record<string, unknown>;
  /** The body bytes exactly as sent (a CSV table for execute chunks, usually empty for getinfo). */
  body: Buffer;
  /**
   * For large chunks: the chunk's own memory from the body's first byte on, longer than the body
   * (a quarter more). A handler may build its reply here, over the body, once it has read the
   * body; nothing else uses this memory until the reader is given the chunk back with `recycle`.
   */
  room?: Buffer;
}

/** Options of {@link ChunkReader}. */
export interface ChunkReaderOptions {
  /**
   * Largest accepted metadata + body length in bytes. A header declaring more is refused with
   * CHUNK_TOO_LARGE before any memory is allocated for the chunk.
   */
  maxChunkBytes: number;
}

/** Longest header line accepted (`chunked 1.0,` + two 15-digit numbers fits easily). */
const MAX_HEADER_BYTES = 64;
/**
 * The splunklib pattern (`chunked\s+1.0\s*,\s*(\d+)\s*,\s*(\d+)\s*\n`), kept so that recordings the
 * Python SDK accepts are accepted here.
 */
const HEADER_PATTERN = /^chunked\s+1\.0\s*,\s*(\d+)\s*,\s*(\d+)\s*$/;
const NEWLINE = 0x0a;
const RECYCLE_FROM_BYTES = 1024 * 1024;

/**
 * Incremental reader of chunked-protocol messages, modelled on node-postgres' pg-protocol parser:
 * bytes go in with {@link feed} in pieces of any size (split anywhere, several chunks per piece),
 * complete chunks come out. The body of a chunk is copied once into a buffer of its declared size.
 *
 * Errors ({@link ProtocolError}, in {@link failure} or thrown by {@link end}): BAD_HEADER (not `chunked 1.0,N,M`, or no newline within
 * 64 bytes), CHUNK_TOO_LARGE (declared size over `maxChunkBytes`), BAD_METADATA (not a JSON object),
 * TRUNCATED_CHUNK (input ended inside a chunk; from {@link end}).
 */
export class ChunkReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private target: Buffer | null = null;
  private targetFilled = 0;
  private metadataBytes = 0;
  private chunkCount = 0;
  /** A finished chunk's buffer handed back with {@link recycle}, reused for the next large chunk that fits. */
  private spare: Buffer | null = null;
  /** The whole buffer behind each large chunk's body, so that {@link recycle} can take it back. */
  private readonly owners = new WeakMap<Buffer, Buffer>();
  /** Declared size of a large chunk whose header is read but whose buffer is not allocated yet. */
  private declared = 0;
  /** Its first bytes, read in the same feed as the chunk before it (see {@link consume}). */
  private held: Buffer | null = null;

  constructor(private readonly options: ChunkReaderOptions) {}

  /** Number of complete chunks read so far. */
  get chunksRead(): number {
    return this.chunkCount;
  }

  /** True when some bytes of an incomplete chunk (or header) are buffered. */
  get inChunk(): boolean {
    return this.target !== null || this.pendingBytes > 0 || this.declared > 0;
  }

  /**
   * The error met in the last {@link feed}, after the chunks it returned: callers answer those
   * chunks first, then report this (a reader that has failed refuses further input).
   */
  failure: ProtocolError | null = null;

  /** Adds bytes; returns the chunks they complete, in order (see {@link failure} for errors). */
  feed(data: Buffer): Chunk[] {
    if (this.failure) throw this.failure;
    const out: Chunk[] = [];
    try {
      this.consume(data, out);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.failure = error;
    }
    return out;
  }

  private consume(data: Buffer, out: Chunk[]): void {
    let offset = 0;
    if (this.held) {
      this.allocateTarget(this.declared);
      this.targetFilled = this.held.copy(this.target as Buffer);
      this.declared = 0;
      this.held = null;
    }
    while (offset < data.length) {
      if (this.declared > 0) {
        // A large chunk starts in the same piece that completed the one before it. That one is
        // answered, and its memory recycled, before the next feed: allocating this chunk then lets
        // it reuse that memory, so one chunk-sized buffer serves the session (wide 200k rows: peak
        // RSS 501 -> 296 MB; 50k rows, one chunk, 283 MB; BENCHMARKS.md).
        if (out.length > 0 && data.length - offset < this.declared) {
          this.held = Buffer.from(data.subarray(offset));
          return;
        }
        this.allocateTarget(this.declared);
        this.declared = 0;
      }
      if (this.target) {
        const n = Math.min(this.target.length - this.targetFilled, data.length - offset);
        data.copy(this.target, this.targetFilled, offset, offset + n);
        this.targetFilled += n;
        offset += n;
        if (this.targetFilled === this.target.length) out.push(this.finishChunk());
        continue;
      }
      const newline = data.indexOf(NEWLINE, offset);
      if (newline === -1) {
        this.pending.push(data.subarray(offset));
        this.pendingBytes += data.length - offset;
        if (this.pendingBytes > MAX_HEADER_BYTES) this.badHeader();
        break;
      }
      let line: Buffer;
      if (this.pendingBytes > 0) {
        this.pending.push(data.subarray(offset, newline));
        line = Buffer.concat(this.pending);
        this.pending = [];
        this.pendingBytes = 0;
      } else {
        line = data.subarray(offset, newline);
      }
      offset = newline + 1;
      const started = this.startChunk(line);
      if (started && started.length === 0) out.push(this.finishChunk());
    }
  }

  /**
   * Signals end of input. Throws TRUNCATED_CHUNK if it ended inside a chunk; whitespace
   * between chunks (the SDK recordings carry a stray `\n`) is ignored.
   */
  end(): void {
    if (this.failure) throw this.failure;
    if (this.target || this.declared > 0) {
      const filled = this.target ? this.targetFilled : (this.held?.length ?? 0);
      const total = this.target ? this.target.length : this.declared;
      throw new ProtocolError('TRUNCATED_CHUNK', `input ended after ${filled} of ${total} declared bytes`, this.chunkCount);
    }
    if (this.pendingBytes > 0 && Buffer.concat(this.pending).toString('latin1').trim() !== '') {
      throw new ProtocolError('TRUNCATED_CHUNK', 'input ended inside a chunk header', this.chunkCount);
    }
  }

  /**
   * Parses a header line and allocates the chunk's buffer; null for a blank line between chunks and
   * for a large chunk, whose buffer is allocated when its first body bytes are stored.
   */
  private startChunk(lineBytes: Buffer): Buffer | null {
    if (lineBytes.length > MAX_HEADER_BYTES) this.badHeader();
    const line = lineBytes.toString('latin1');
    if (line.trim() === '') return null;
    const match = HEADER_PATTERN.exec(line);
    if (!match) this.badHeader(line);
    const metadataBytes = Number(match[1]);
    const bodyBytes = Number(match[2]);
    const total = metadataBytes + bodyBytes;
    if (!Number.isSafeInteger(total) || total > this.options.maxChunkBytes) {
      throw new ProtocolError(
        'CHUNK_TOO_LARGE',
        `declared size ${match[1]}+${match[2]} bytes is over the limit of ${this.options.maxChunkBytes} bytes (--max-chunk-bytes)`,
        this.chunkCount,
      );
    }
    this.metadataBytes = metadataBytes;
    if (total >= RECYCLE_FROM_BYTES) {
      // Allocated when its first body bytes are stored (see consume); a size no buffer can have is
      // refused now, as the cap is.
      if (total > constants.MAX_LENGTH) this.cannotAllocate(total);
      this.declared = total;
      return null;
    }
    this.allocateTarget(total);
    return this.target;
  }

  /** Allocates the current chunk's buffer; a failure (out of memory) is answered as a size over the cap. */
  private allocateTarget(total: number): void {
    try {
      this.target = this.allocate(total);
    } catch {
      this.cannotAllocate(total);
    }
    this.targetFilled = 0;
  }

  private cannotAllocate(total: number): never {
    // over buffer.constants.MAX_LENGTH, or out of memory: the same answer as over the cap
    throw new ProtocolError(
      'CHUNK_TOO_LARGE',
      `declared size ${this.metadataBytes}+${total - this.metadataBytes} bytes cannot be allocated`,
      this.chunkCount,
    );
  }

  /**
   * Hands a chunk's memory back once its body is no longer used (the session calls this after the
   * reply is written); the next chunk of at most that size is read into it. Measured on the
   * benchmark: without it every 50,000-row chunk got a fresh buffer and RSS grew with the input
   * (wide 200k rows: 905 MB) until the garbage collector caught up.
   */
  recycle(chunk: Chunk): void {
    const whole = this.owners.get(chunk.body);
    if (whole && (!this.spare || whole.length > this.spare.length)) this.spare = whole;
  }

  /** Chunks from this size up get their own (recyclable) memory; smaller ones come from Node's pool. */
  private allocate(total: number): Buffer {
    if (total < RECYCLE_FROM_BYTES) return Buffer.allocUnsafe(total);
    const spare = this.spare;
    if (spare && spare.length >= total) {
      this.spare = null;
      return spare.subarray(0, total);
    }
    // A quarter more than asked: room for a reply built in place (Chunk.room), and a next chunk,
    // often a little larger, still fits when this buffer comes back; pages never written cost no memory.
    return Buffer.allocUnsafeSlow(total + (total >> 2)).subarray(0, total);
  }

  private finishChunk(): Chunk {
    const buffer = this.target as Buffer;
    this.target = null;
    const index = this.chunkCount++;
    const metadataText = buffer.toString('utf8', 0, this.metadataBytes);
    let metadata: unknown;
    try {
      metadata = JSON.parse(metadataText);
    } catch (error) {
      // Never quote the parser's message: V8 puts the text around the error in it, and getinfo's
      // metadata holds searchinfo.session_key (test/hardening/secrets.test.ts).
      const position = /at position (\d+)/.exec((error as Error).message)?.[1];
      const where = position === undefined ? '' : ` (error at byte ${Buffer.byteLength(metadataText.slice(0, Number(position)))})`;
      throw new ProtocolError('BAD_METADATA', `metadata (${this.metadataBytes} bytes) is not valid JSON${where}`, index);
    }
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new ProtocolError('BAD_METADATA', 'metadata is not a JSON object', index);
    }
    const body = buffer.subarray(this.metadataBytes);
    if (buffer.length < RECYCLE_FROM_BYTES) return { index, metadata: metadata as Record<string, unknown>, body };
    const whole = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.buffer.byteLength - buffer.byteOffset);
    this.owners.set(body, whole);
    return { index, metadata: metadata as Record<string, unknown>, body, room: whole.subarray(this.metadataBytes) };
  }

  private badHeader(line?: string): never {
    const shown = line === undefined ? 'no newline within 64 bytes' : JSON.stringify(line.slice(0, 64));
    throw new ProtocolError('BAD_HEADER', `expected "chunked 1.0,<metadata bytes>,<body bytes>", got ${shown}`, this.chunkCount);
  }
}
