import { ChunkSink, SinkClosedError } from '../protocol/session';

/** The part of a Writable the sink uses (process.stdout). */
export interface ByteWriter {
  write(bytes: Buffer, done: (error?: Error | null) => void): unknown;
}

/** `chunked 1.0,<metadata bytes>,<body bytes>\n` at the start of a reply (as chunkWriter.ts writes it). */
const REPLY_HEADER = /^chunked 1\.0,(\d+),(\d+)\n/;

/**
 * The session's {@link ChunkSink} on stdout that knows where each reply ends, so that the process
 * can stop between replies: a reply is written in pieces (its header, then its body, which may be
 * tens of MB and wait on a full pipe), and exiting between two pieces or with a write pending left
 * a header declaring 106,089,420 body bytes followed by 131,072 (issue 19).
 *
 * After {@link stop}, the reply being written is finished and no other is started: a write that
 * would start one never settles (the process exits first).
 */
export class ReplySink implements ChunkSink {
  /** Bytes of the reply being written that no write has been started for yet. */
  private owed = 0;
  /** Writes handed to the writer whose callback has not run. */
  private pending = 0;
  private stopped = false;
  private whenIdle: (() => void) | null = null;

  constructor(private readonly out: ByteWriter) {}

  write(bytes: Buffer): Promise<void> {
    if (this.owed === 0) {
      if (this.stopped) return new Promise<void>(() => undefined);
      this.owed = replyLength(bytes);
    }
    this.owed = Math.max(0, this.owed - bytes.length);
    this.pending++;
    return new Promise((resolve, reject) => {
      this.out.write(bytes, (error) => {
        this.pending--;
        if (error) reject(new SinkClosedError());
        else resolve();
        this.checkIdle();
      });
    });
  }

  /**
   * Starts no other reply and resolves once the reply being written (if any) is handed whole to
   * the writer, or after `timeoutMs` milliseconds: true when no reply is left partly written.
   */
  stop(timeoutMs: number): Promise<boolean> {
    this.stopped = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.whenIdle = null;
        resolve(this.idle());
      }, timeoutMs);
      this.whenIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.checkIdle();
    });
  }

  private idle(): boolean {
    return this.owed === 0 && this.pending === 0;
  }

  private checkIdle(): void {
    if (this.whenIdle && this.idle()) {
      const done = this.whenIdle;
      this.whenIdle = null;
      done();
    }
  }
}

/** Length in bytes of the whole reply whose first bytes are `bytes` (header line + metadata + body). */
function replyLength(bytes: Buffer): number {
  const header = REPLY_HEADER.exec(bytes.toString('latin1', 0, Math.min(bytes.length, 64)));
  if (!header) return bytes.length;
  return header[0].length + Number(header[1]) + Number(header[2]);
}
