import { ChunkReader } from '../../src/protocol/chunkReader';
import { encodeChunk } from '../../src/protocol/chunkWriter';
import { ProtocolError } from '../../src/protocol/errors';

const MAX = 1024 * 1024;

function stream(): Buffer {
  return Buffer.concat([
    encodeChunk({ action: 'getinfo', searchinfo: { args: [] } }),
    encodeChunk({ action: 'execute', finished: false }, 'a,b\n"ทt",2\n'),
    encodeChunk({ action: 'execute', finished: true }, ''),
  ]);
}

describe('ChunkReader framing', () => {
  it('reads several chunks from one buffer', () => {
    const chunks = new ChunkReader({ maxChunkBytes: MAX }).feed(stream());
    expect(chunks.map((c) => c.metadata.action)).toEqual(['getinfo', 'execute', 'execute']);
    expect(chunks[1].body.toString('utf8')).toBe('a,b\n"ทt",2\n');
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2]);
  });

  it('gives the same chunks when the stream is split at every possible byte', () => {
    const whole = stream();
    const expected = new ChunkReader({ maxChunkBytes: MAX }).feed(whole);
    for (let cut = 1; cut < whole.length; cut++) {
      const reader = new ChunkReader({ maxChunkBytes: MAX });
      const got = [...reader.feed(whole.subarray(0, cut)), ...reader.feed(whole.subarray(cut))];
      reader.end();
      expect(got.map((c) => [c.metadata, c.body.toString('hex')])).toEqual(expected.map((c) => [c.metadata, c.body.toString('hex')]));
    }
  });

  it('counts lengths in bytes: a 3-byte character split across reads is reassembled', () => {
    const whole = encodeChunk({ action: 'execute', finished: true }, 'x\nท\n');
    const reader = new ChunkReader({ maxChunkBytes: MAX });
    const got = [...whole].flatMap((byte) => reader.feed(Buffer.from([byte])));
    expect(got).toHaveLength(1);
    expect(got[0].body.toString('utf8')).toBe('x\nท\n');
  });

  it('returns the chunks completed before an error, then reports the error', () => {
    const reader = new ChunkReader({ maxChunkBytes: MAX });
    const chunks = reader.feed(Buffer.concat([encodeChunk({ a: 1 }), Buffer.from('junk\n')]));
    expect(chunks.map((c) => c.metadata)).toEqual([{ a: 1 }]);
    expect(reader.failure?.code).toBe('BAD_HEADER');
    expect(() => reader.feed(Buffer.from('x'))).toThrow(ProtocolError);
  });

  it('ignores blank lines between chunks, as the SDK recordings carry them', () => {
    const reader = new ChunkReader({ maxChunkBytes: MAX });
    const chunks = reader.feed(Buffer.concat([encodeChunk({ a: 1 }), Buffer.from('\r\n\n'), encodeChunk({ b: 2 })]));
    expect(chunks.map((c) => c.metadata)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it.each([
    ['a header that is not chunked 1.0', 'hello 1.0,2,0\n{}', 'BAD_HEADER'],
    ['non-numeric lengths', 'chunked 1.0,x,0\n{}', 'BAD_HEADER'],
    ['a negative length', 'chunked 1.0,-2,0\n{}', 'BAD_HEADER'],
    ['a header with no newline within 64 bytes', 'chunked 1.0,' + '1'.repeat(80), 'BAD_HEADER'],
    ['invalid JSON metadata', 'chunked 1.0,5,0\n{"a":', 'BAD_METADATA'],
    ['metadata that is not an object', 'chunked 1.0,2,0\n[]', 'BAD_METADATA'],
  ])('refuses %s', (_name, text, code) => {
    const reader = new ChunkReader({ maxChunkBytes: MAX });
    expect(reader.feed(Buffer.from(text))).toEqual([]);
    expect(reader.failure).toEqual(expect.objectContaining({ code }));
    expect(() => reader.end()).toThrow(expect.objectContaining({ code }));
  });

  it('refuses a declared size over the cap before allocating it', () => {
    const reader = new ChunkReader({ maxChunkBytes: 1000 });
    const spy = jest.spyOn(Buffer, 'allocUnsafe');
    reader.feed(Buffer.from('chunked 1.0,2,999999999999\n{}'));
    expect(reader.failure).toEqual(expect.objectContaining({ code: 'CHUNK_TOO_LARGE' }));
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('reports input that ends inside a chunk body or header', () => {
    const body = new ChunkReader({ maxChunkBytes: MAX });
    body.feed(Buffer.from('chunked 1.0,2,10\n{}abc'));
    expect(() => body.end()).toThrow(ProtocolError);
    const header = new ChunkReader({ maxChunkBytes: MAX });
    header.feed(Buffer.from('chunked 1.0,2'));
    expect(() => header.end()).toThrow(expect.objectContaining({ code: 'TRUNCATED_CHUNK' }));
  });
});
