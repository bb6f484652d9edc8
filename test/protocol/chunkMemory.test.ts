import { ChunkReader } from '../../src/protocol/chunkReader';
import { largeStream } from '../helpers/largeChunks';
import { ProtocolError } from '../../src/protocol/errors';

describe('ChunkReader on large chunks (memory taken when their bytes arrive)', () => {
  it('returns every chunk whole whatever the split (one buffer, 64 KiB pieces, a cut inside the second header)', () => {
    const { whole, bodies } = largeStream();
    const firstEnd = whole.indexOf('chunked', 10);
    const splits: Buffer[][] = [
      [whole],
      Array.from({ length: Math.ceil(whole.length / 65536) }, (_, i) => whole.subarray(i * 65536, (i + 1) * 65536)),
      [whole.subarray(0, firstEnd + 5), whole.subarray(firstEnd + 5, firstEnd + 5000), whole.subarray(firstEnd + 5000)],
    ];
    for (const pieces of splits) {
      const reader = new ChunkReader({ maxChunkBytes: 1 << 24 });
      const got = pieces.flatMap((piece) => reader.feed(piece));
      reader.end();
      expect(got.map((c) => c.body.equals(bodies[c.index]))).toEqual([true, true]);
    }
  });

  it('reports a large chunk cut short, counting the bytes held back', () => {
    const { whole } = largeStream();
    const firstEnd = whole.indexOf('chunked', 10);
    const reader = new ChunkReader({ maxChunkBytes: 1 << 24 });
    reader.feed(whole.subarray(0, firstEnd + 1000));
    expect(reader.inChunk).toBe(true);
    expect(() => reader.end()).toThrow(ProtocolError);
    expect(() => reader.end()).toThrow(/input ended after 977 of 1600036 declared bytes/);
  });
});
