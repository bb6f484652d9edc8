import type { ChunkMemory } from '../protocol/chunkReader';

/** Chunks (metadata + body) from this many bytes up get pooled memory; smaller ones come from Node's shared pool. */
export const POOLED_FROM_BYTES = 1024 * 1024;

/**
 * The command's chunk memory (the {@link ChunkMemory} its protocol session reads chunks into), and
 * the policy that bounds the command's peak RSS (docs/guarantees.md "memory"; test/hardening/size):
 *
 * - A chunk of {@link POOLED_FROM_BYTES} (1 MiB) or more gets memory of its own, a quarter larger
 *   than asked: room to build the reply in place over the body ({@link room}); pages never written
 *   cost no memory.
 * - Memory handed back with {@link give} once a reply is written is kept (the largest one given)
 *   and serves the next chunk that fits. Without it every 50,000-row chunk got a fresh buffer and
 *   RSS grew with the input (wide 200k rows: 905 MB) until the garbage collector caught up.
 *
 * Sizes are in bytes. One pool per session: `take`, `give` and `room` are called by one thread.
 */
export class BufferPool implements ChunkMemory {
  /** The memory of an answered chunk, kept for the next chunk that fits. */
  private spare: ArrayBufferLike | null = null;
  /** Every allocation this pool made (the only memory {@link give} keeps and {@link room} extends). */
  private readonly own = new WeakSet<ArrayBufferLike>();

  /**
   * `bytes` bytes for one chunk: under {@link POOLED_FROM_BYTES} from Node's pool, else the kept
   * memory when it is large enough, else a new allocation of `bytes` + a quarter.
   * @throws RangeError when the memory cannot be allocated (the reader answers CHUNK_TOO_LARGE)
   */
  take(bytes: number): Buffer {
    if (bytes < POOLED_FROM_BYTES) return Buffer.allocUnsafe(bytes);
    const spare = this.spare;
    if (spare && spare.byteLength >= bytes) {
      this.spare = null;
      return Buffer.from(spare, 0, bytes);
    }
    const memory = Buffer.allocUnsafeSlow(bytes + (bytes >> 2));
    this.own.add(memory.buffer);
    return memory.subarray(0, bytes);
  }

  /** Takes back memory {@link take} returned, keeping it when it is the pool's and larger than the memory kept. */
  give(memory: Buffer): void {
    const whole = memory.buffer;
    if (this.own.has(whole) && (!this.spare || whole.byteLength > this.spare.byteLength)) this.spare = whole;
  }

  /**
   * For a body read into the pool's memory (a view of what {@link take} returned): that memory from
   * the body's first byte to its end, longer than the body, where a reply may be built over the
   * body until the chunk is given back. Undefined for any other buffer (small chunks share Node's pool).
   */
  room(body: Buffer): Buffer | undefined {
    const whole = body.buffer;
    if (!this.own.has(whole)) return undefined;
    return Buffer.from(whole, body.byteOffset, whole.byteLength - body.byteOffset);
  }
}
