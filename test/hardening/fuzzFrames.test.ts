import fc from 'fast-check';
import { Chunk } from '../../src/protocol/chunkReader';
import { executeChunk, getinfoChunk, inspectorMessages, parseReplies, runInProcess } from '../helpers/protocolRun';
import { runCommandProcess } from './support/commandProcess';
import { encodeFuzzTable, fuzzParameters, fuzzTable } from './support/csvFuzz';

/**
 * Mutated frames (wrong lengths, garbage headers, truncated bodies, bad JSON, stray or flipped
 * bytes): the command ends with an ERROR message or a clean non-zero exit, never hangs (each
 * process run is bounded), never writes a partial reply (stdout parsed strictly), and never writes
 * more replies than requests.
 */

const validChunks = fc
  .array(fuzzTable, { minLength: 1, maxLength: 3 })
  .map((tables) => {
    const chunks = [getinfoChunk(), ...tables.map((t, i) => executeChunk(encodeFuzzTable(t), i === tables.length - 1))];
    return Object.assign(chunks, { [fc.toStringMethod]: () => `session of ${chunks.length} chunks (${chunks.map((c) => c.length).join('+')} bytes)` });
  });

const BAD_JSON = ['{"action":"execute","finished":tru}', '{"action":"execute"', '', 'null', '[]', '"execute"', '{"action":"execute","finished":true}}', '\u00ff\u00fe', '{"action":"getinfo"}'];

/** One mutation of a list of chunks, returning the mutated stream; `label` names it in failure reports. */
type Mutation = ((chunks: Buffer[]) => Buffer) & { label?: string };

/** Gives a mutation a short printable name (fast-check prints it instead of the function's source). */
function named(label: string, mutate: (chunks: Buffer[]) => Buffer): Mutation {
  return Object.assign(mutate, { [fc.toStringMethod]: () => label });
}

function headerEnd(chunk: Buffer): number {
  return chunk.indexOf(0x0a) + 1;
}

function lengthsOf(chunk: Buffer): [number, number] {
  const [, meta, body] = /^chunked 1\.0,(\d+),(\d+)\n/.exec(chunk.subarray(0, headerEnd(chunk)).toString('latin1')) ?? [];
  return [Number(meta), Number(body)];
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // a wrong metadata or body length (smaller, larger, zero, over the cap, absurd)
  fc.tuple(fc.nat(), fc.boolean(), fc.oneof(fc.nat({ max: 400 }), fc.constantFrom(0, 2 ** 31, 5 * 2 ** 30, Number.MAX_SAFE_INTEGER), fc.bigInt({ min: 10n ** 15n, max: 10n ** 30n }))).map(
    ([which, metaSide, value]): Mutation =>
      named(`length: chunk ${which} ${metaSide ? 'metadata' : 'body'} length := ${value}`, (chunks) => {
        const i = which % chunks.length;
        const [meta, body] = lengthsOf(chunks[i]);
        const header = metaSide ? `chunked 1.0,${value},${body}\n` : `chunked 1.0,${meta},${value}\n`;
        const copy = [...chunks];
        copy[i] = Buffer.concat([Buffer.from(header), chunks[i].subarray(headerEnd(chunks[i]))]);
        return Buffer.concat(copy);
      }),
  ),
  // a garbage header line
  fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 80 })).map(
    ([which, garbage]): Mutation =>
      named(`garbage header: chunk ${which} header := ${JSON.stringify(Buffer.from(garbage).toString('latin1'))}`, (chunks) => {
        const i = which % chunks.length;
        const copy = [...chunks];
        copy[i] = Buffer.concat([Buffer.from(garbage), chunks[i].subarray(headerEnd(chunks[i]))]);
        return Buffer.concat(copy);
      }),
  ),
  // the stream truncated anywhere (inside a header, the metadata or a body)
  fc.nat().map(
    (at): Mutation =>
      named(`truncated at byte ${at} (modulo length + 1)`, (chunks) => {
        const all = Buffer.concat(chunks);
        return all.subarray(0, at % (all.length + 1));
      }),
  ),
  // bad JSON metadata with correct lengths
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...BAD_JSON), fc.string({ maxLength: 40 }))).map(
    ([which, json]): Mutation =>
      named(`bad JSON: chunk ${which} metadata := ${JSON.stringify(json)}`, (chunks) => {
        const i = which % chunks.length;
        const [meta] = lengthsOf(chunks[i]);
        const body = chunks[i].subarray(headerEnd(chunks[i]) + meta);
        const jsonBytes = Buffer.from(json, 'utf8');
        const copy = [...chunks];
        copy[i] = Buffer.concat([Buffer.from(`chunked 1.0,${jsonBytes.length},${body.length}\n`), jsonBytes, body]);
        return Buffer.concat(copy);
      }),
  ),
  // stray bytes inserted, or one byte overwritten
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.boolean()).map(
    ([at, bytes, overwrite]): Mutation =>
      named(`${overwrite ? 'overwrite' : 'insert'} ${JSON.stringify(Buffer.from(bytes).toString('latin1'))} at byte ${at}`, (chunks) => {
        const all = Buffer.concat(chunks);
        const p = at % (all.length + 1);
        return Buffer.concat([all.subarray(0, p), Buffer.from(bytes), all.subarray(overwrite ? p + bytes.length : p)]);
      }),
  ),
);

/** The promises that hold for any input, valid or not, given the reply stream and exit status. */
function expectCleanOutcome(status: number | null, replies: Chunk[], stdout: Buffer, requests: number): void {
  expect(status === 0 || status === 1).toBe(true);
  expect(replies.length).toBeLessThanOrEqual(requests);
  expect(stdout.toString('latin1')).not.toMatch(/\n\s+at /);
  if (status !== 0 && replies.length > 0) {
    // an ERROR reply, or (input after the final reply) no reply at all: nothing was asked any more
    const last = replies[replies.length - 1];
    const lastIsError = inspectorMessages(last).some(([level]) => level === 'ERROR');
    expect(lastIsError || last.metadata.finished === true).toBe(true);
  }
  expect(replies.filter((r) => r.metadata.finished === true).length).toBeLessThanOrEqual(1);
  if (replies.length > 0) expect(replies.slice(0, -1).every((r) => r.metadata.finished !== true)).toBe(true);
  if (status === 0) {
    for (const reply of replies) expect(inspectorMessages(reply).filter(([level]) => level === 'ERROR')).toEqual([]);
  }
}

describe('fuzz: mutated frames', () => {
  it('in process: an ERROR reply or a clean end, never a partial reply or an extra one', async () => {
    await fc.assert(
      fc.asyncProperty(validChunks, mutation, async (chunks, mutate) => {
        const out = await runInProcess([mutate(chunks)]);
        expectCleanOutcome(out.status, out.replies, out.stdout, chunks.length);
      }),
      fuzzParameters(300),
    );
  });

  it('the bundled process: exits within the bound, stdout parses strictly, a one-line reason on stderr', async () => {
    await fc.assert(
      fc.asyncProperty(validChunks, mutation, async (chunks, mutate) => {
        const run = await runCommandProcess(mutate(chunks), { timeoutMs: 20000 });
        expect(run.timedOut).toBe(false);
        const replies = parseReplies(run.stdout);
        expectCleanOutcome(run.status, replies, run.stdout, chunks.length);
        expect(run.stderr).not.toMatch(/\n\s+at /);
        if (run.status !== 0) expect(run.stderr.trim().split('\n').length).toBe(1);
      }),
      fuzzParameters(30),
    );
  });
});
