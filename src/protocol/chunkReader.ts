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
  /**
   * The body bytes exactly as sent (a CSV table for execute chunks, usually empty for getinfo), in
   * memory from the reader's {@link ChunkMemory}, which nothing else uses until the chunk is
   * handed back with `recycle`.
   */
  body: Buffer;
}

/**
 * Where a {@link ChunkReader} gets the memory of each chunk (metadata + body, in bytes) and gives it
 * back once the chunk is answered. The default takes fresh memory every time; the command passes
 * its buffer pool (src/command/bufferPool.ts), which decides what is kept for the next chunk.
 */
export interface ChunkMemory {
  /** Memory of exactly `bytes` bytes (may be a view of a larger allocation); throws when it cannot be allocated. */
  take(bytes: number): Buffer;
  /** The memory `take` returned for a chunk whose reply is written: it may serve a later chunk. */
  give(memory: Buffer): void;
}

/** Fresh memory for every chunk, nothing kept. */
const FRESH_MEMORY: ChunkMemory = { take: (bytes) => Buffer.allocUnsafe(bytes), give: () => undefined };

/** Options of {@link ChunkReader}. */
export interface ChunkReaderOptions {
  /**
   * Largest accepted metadata + body length in bytes. A header declaring more is refused with
   * CHUNK_TOO_LARGE before any memory is allocated for the chunk.
   */
  maxChunkBytes: number;
  /** Where chunk memory comes from and goes back to (default: fresh memory per chunk). */
  memory?: ChunkMemory;
}

/** Longest header line accepted (`chunked 1.0,` + two 15-digit numbers fits easily). */
const MAX_HEADER_BYTES = 64;
/**
 * The splunklib pattern (`chunked\s+1.0\s*,\s*(\d+)\s*,\s*(\d+)\s*\n`), kept so that recordings the
 * Python SDK accepts are accepted here.
 */
const HEADER_PATTERN = /^chunked\s+1\.0\s*,\s*(\d+)\s*,\s*(\d+)\s*$/;
const NEWLINE = 0x0a;

/**
 * Incremental reader of chunked-protocol messages, modelled on node-postgres' pg-protocol parser:
 * bytes go in with {@link feed} in pieces of any size (split anywhere, several chunks per piece),
 * complete chunks come out. The body of a chunk is copied once into memory of its declared size,
 * taken from its {@link ChunkMemory} when the chunk's first body bytes arrive: a chunk that starts
 * in the same piece that completed the one before it waits for the next feed, by when that one is
 * answered and its memory handed back with {@link recycle}, so it can serve this one.
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
  /** The memory behind each chunk's body, so that {@link recycle} can give it back. */
  private readonly owners = new WeakMap<Buffer, Buffer>();
  /** Declared size of a chunk whose header is read but whose memory is not taken yet. */
  private declared = 0;
  /** Its first bytes, read in the same feed as the chunk before it (see {@link consume}). */
  private held: Buffer | null = null;
  private readonly memory: ChunkMemory;

  constructor(private readonly options: ChunkReaderOptions) {
    this.memory = options.memory ?? FRESH_MEMORY;
  }

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
        // A chunk starts in the same piece that completed the one before it. That one is answered,
        // and its memory recycled, before the next feed: taking this chunk's memory then lets it
        // reuse that memory, so one chunk-sized buffer serves the session (wide 200k rows: peak
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
   * Parses a header line; the chunk's memory is taken when its first body bytes are stored (see
   * consume), except for a chunk of no bytes at all, returned as its (empty) buffer. Null for a
   * blank line between chunks and for every other chunk.
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
    // A size no buffer can have is refused now, as the cap is.
    if (total > constants.MAX_LENGTH) this.cannotAllocate(total);
    if (total > 0) {
      this.declared = total;
      return null;
    }
    this.allocateTarget(total);
    return this.target;
  }

  /** Allocates the current chunk's buffer; a failure (out of memory) is answered as a size over the cap. */
  private allocateTarget(total: number): void {
    try {
      this.target = this.memory.take(total);
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
   * Hands a chunk's memory back to the {@link ChunkMemory} once its body is no longer used (the
   * session calls this after the reply is written).
   */
  recycle(chunk: Chunk): void {
    const memory = this.owners.get(chunk.body);
    if (memory) {
      this.owners.delete(chunk.body);
      this.memory.give(memory);
    }
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
    this.owners.set(body, buffer);
    return { index, metadata: metadata as Record<string, unknown>, body };
  }

  private badHeader(line?: string): never {
    const shown = line === undefined ? 'no newline within 64 bytes' : JSON.stringify(line.slice(0, 64));
    throw new ProtocolError('BAD_HEADER', `expected "chunked 1.0,<metadata bytes>,<body bytes>", got ${shown}`, this.chunkCount);
  }
}
