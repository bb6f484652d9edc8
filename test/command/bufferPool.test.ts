import { BufferPool, POOLED_FROM_BYTES } from '../../src/command/bufferPool';
import { ChunkMemory, ChunkReader } from '../../src/protocol/chunkReader';
import { largeStream } from '../helpers/largeChunks';

describe('BufferPool (the command\'s chunk memory)', () => {
  it('gives a chunk under 1 MiB memory from Node\'s pool, never kept nor extended into a room', () => {
    const pool = new BufferPool();
    const small = pool.take(POOLED_FROM_BYTES - 1);
    expect(small.length).toBe(POOLED_FROM_BYTES - 1);
    expect(pool.room(small)).toBeUndefined();
    pool.give(small);
    expect(pool.take(100).buffer).not.toBe(small.buffer);
  });

  it('gives a large chunk its own memory, a quarter more than asked, as the room after the body', () => {
    const pool = new BufferPool();
    const memory = pool.take(2_000_000);
    expect(memory.length).toBe(2_000_000);
    expect(memory.buffer.byteLength).toBe(2_500_000);
    const body = memory.subarray(40);
    expect(pool.room(body)!.length).toBe(2_500_000 - 40);
    expect(pool.room(body)!.byteOffset).toBe(body.byteOffset);
    expect(pool.room(Buffer.alloc(2_000_000))).toBeUndefined();
  });

  it('keeps the largest memory given back and serves the next chunk that fits from it, once', () => {
    const pool = new BufferPool();
    const first = pool.take(1_500_000);
    const second = pool.take(3_000_000);
    pool.give(first);
    pool.give(second);
    pool.give(Buffer.allocUnsafeSlow(5_000_000)); // not the pool's: not kept
    const reused = pool.take(3_500_000);
    expect(reused.buffer).toBe(second.buffer);
    expect(reused.length).toBe(3_500_000);
    expect(pool.take(1_200_000).buffer).not.toBe(second.buffer);
    expect(pool.take(4_000_000).length).toBe(4_000_000);
  });

  it('a ChunkReader on the pool reads the next large chunk into the memory handed back with recycle, even when it started in the same piece', () => {
    const { whole, bodies } = largeStream();
    const firstEnd = whole.indexOf('chunked', 10);
    const pool = new BufferPool();
    const reader = new ChunkReader({ maxChunkBytes: 1 << 24, memory: pool });
    const [first] = reader.feed(whole.subarray(0, firstEnd + 1000));
    expect(first.body.equals(bodies[0])).toBe(true);
    const room = pool.room(first.body);
    expect(room && room.length).toBeGreaterThan(first.body.length);
    const firstMemory = first.body.buffer;
    reader.recycle(first);
    const [second] = reader.feed(whole.subarray(firstEnd + 1000));
    expect(second.body.equals(bodies[1])).toBe(true);
    expect(second.body.buffer).toBe(firstMemory);
  });

  it('a ChunkReader takes each chunk\'s memory once, when its bytes arrive, and gives it back on recycle', () => {
    const { whole } = largeStream();
    const taken: number[] = [];
    const given: number[] = [];
    const memory: ChunkMemory = {
      take: (bytes) => (taken.push(bytes), Buffer.alloc(bytes)),
      give: (buffer) => void given.push(buffer.length),
    };
    const reader = new ChunkReader({ maxChunkBytes: 1 << 24, memory });
    const chunks = reader.feed(whole.subarray(0, whole.length - 10));
    expect(chunks).toHaveLength(1);
    expect(taken).toHaveLength(1); // the second chunk's memory waits for the next feed, after the first is answered
    reader.recycle(chunks[0]);
    chunks.push(...reader.feed(whole.subarray(whole.length - 10)));
    reader.recycle(chunks[1]);
    reader.recycle(chunks[1]);
    reader.end();
    expect(chunks).toHaveLength(2);
    expect(taken).toEqual(given);
    expect(taken).toHaveLength(2);
  });
});
