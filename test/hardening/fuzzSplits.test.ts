import fc from 'fast-check';
import { executeChunk, getinfoChunk, runBundle, runInProcess } from '../helpers/protocolRun';
import { encodeFuzzTable, fuzzParameters, fuzzTable } from './support/csvFuzz';

/**
 * Random sessions split at random bytes (a 3-byte character or the `chunked 1.0,` header cut in
 * two, several chunks in one read): the reply stream is identical to the unsplit run's.
 */

const sessionBytes = fc
  .tuple(fc.array(fuzzTable, { minLength: 1, maxLength: 3 }), fc.constantFrom<string[]>([], ['raw=true'], ['distributed=true']))
  .map(([tables, args]) =>
    Buffer.concat([getinfoChunk(args), ...tables.map((t, i) => executeChunk(encodeFuzzTable(t), i === tables.length - 1))]),
  );

/** Cuts `bytes` at the given positions (taken modulo its length, sorted, duplicates allowed). */
function cut(bytes: Buffer, positions: number[]): Buffer[] {
  const points = positions.map((p) => p % (bytes.length + 1)).sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.subarray(start, point));
    start = point;
  }
  return pieces;
}

describe('fuzz: sessions split at random bytes', () => {
  it('in process: every split gives the same reply bytes as the whole buffer', async () => {
    await fc.assert(
      fc.asyncProperty(sessionBytes, fc.array(fc.nat(), { maxLength: 40 }), async (bytes, positions) => {
        const whole = await runInProcess([bytes]);
        const split = await runInProcess(cut(bytes, positions));
        expect(split.status).toBe(whole.status);
        expect(split.stdout.equals(whole.stdout)).toBe(true);
      }),
      fuzzParameters(150),
    );
  });

  it('the bundled process gives the same reply bytes as the in-process run', async () => {
    await fc.assert(
      fc.asyncProperty(sessionBytes, async (bytes) => {
        const [bundle, inProcess] = await Promise.all([runBundle(bytes, [], 20000), runInProcess([bytes])]);
        expect(bundle.status).toBe(inProcess.status);
        expect(bundle.stdout.equals(inProcess.stdout)).toBe(true);
      }),
      fuzzParameters(15),
    );
  });
});
