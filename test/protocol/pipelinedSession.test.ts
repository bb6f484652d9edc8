import type { Chunk } from '../../src/protocol/chunkReader';
import { ProtocolError } from '../../src/protocol/errors';
import { CommandHandler, ExecuteResult, runSession } from '../../src/protocol/session';
import { executeChunk, getinfoChunk, inspectorMessages, parseReplies } from '../helpers/protocolRun';

/**
 * runSession with a handler whose execute returns promises (chunks scored on another thread, as
 * command/scoringWorker.ts does): the session reads the next chunk meanwhile, yet keeps every
 * promise of the protocol (runSession's docstring). The handler here is a synthetic stand-in that
 * answers each chunk with `reply <index>` when the test settles it, so every interleaving is forced.
 */

interface Deferred {
  chunk: Chunk;
  resolve(result: ExecuteResult): void;
  reject(error: Error): void;
}

/** A handler whose execute calls wait until the test settles them; `calls` records them in order. */
function deferredHandler(): { handler: CommandHandler; calls: Deferred[]; unansweredAtCall: number[] } {
  const calls: Deferred[] = [];
  const unansweredAtCall: number[] = [];
  let settled = 0;
  const handler: CommandHandler = {
    fallbackInfo: { type: 'stateful' },
    getinfo: () => ({ reply: { type: 'stateful' }, messages: [] }),
    execute(chunk) {
      unansweredAtCall.push(calls.length - settled);
      return new Promise<ExecuteResult>((resolve, reject) => {
        calls.push({
          chunk,
          resolve: (result) => {
            settled++;
            resolve(result);
          },
          reject: (error) => {
            settled++;
            reject(error);
          },
        });
      });
    },
  };
  return { handler, calls, unansweredAtCall };
}

/** Input that the test releases piece by piece (`push`, `end`), like a pipe splunkd writes to. */
function controlledInput(): { input: AsyncIterable<Buffer>; push(piece: Buffer): void; end(): void; pulls: () => number } {
  const queue: (Buffer | null)[] = [];
  let wake: (() => void) | null = null;
  let pulls = 0;
  async function* input(): AsyncGenerator<Buffer> {
    for (;;) {
      pulls++;
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const piece = queue.shift() as Buffer | null;
      if (piece === null) return;
      yield piece;
    }
  }
  const put = (item: Buffer | null): void => {
    queue.push(item);
    wake?.();
    wake = null;
  };
  return { input: input(), push: (piece) => put(piece), end: () => put(null), pulls: () => pulls };
}

/** Lets pending promise callbacks and the session's awaits run. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function start(handler: CommandHandler, input: AsyncIterable<Buffer>) {
  const written: Buffer[] = [];
  const log: string[] = [];
  const status = runSession(input, { write: async (b) => void written.push(Buffer.from(b)) }, handler, {
    maxChunkBytes: 1 << 20,
    log: (line) => log.push(line),
  });
  return { status, replies: () => parseReplies(Buffer.concat(written)), log };
}

const reply = (chunk: Chunk): ExecuteResult => ({ body: `reply ${chunk.index}\n`, messages: [] });
const EXEC = (n: number, finished = false) => executeChunk(`row,${n}\n`, finished);

jest.setTimeout(20000); // a hang bound: every test here settles in milliseconds

describe('pipelined session (execute returns promises)', () => {
  // Found by the idetunnel CLI (CommandClient, which like splunkd sends a chunk only after the
  // reply to the one before): a reply written only when the next chunk arrived deadlocked both sides.
  it('answers each chunk as soon as it is scored, without waiting for more input (splunkd waits for the reply)', async () => {
    const { handler, calls } = deferredHandler();
    const { input, push, end } = controlledInput();
    const run = start(handler, input);
    push(Buffer.concat([getinfoChunk(), EXEC(1)]));
    await tick();
    calls[0].resolve(reply(calls[0].chunk));
    await tick();
    expect(run.replies().map((r) => r.body.toString())).toEqual(['', 'reply 1\n']);
    push(EXEC(2, true));
    await tick();
    calls[1].resolve(reply(calls[1].chunk));
    await tick();
    expect(run.replies().map((r) => r.metadata.finished)).toEqual([undefined, false, true]);
    end();
    expect(await run.status).toBe(0);
  });

  it('a chunk whose scoring fails is answered with the ERROR at once, without waiting for more input', async () => {
    const { handler, calls } = deferredHandler();
    const { input, push } = controlledInput();
    const run = start(handler, input);
    push(Buffer.concat([getinfoChunk(), EXEC(1)]));
    await tick();
    calls[0].reject(new Error('scoring blew up'));
    expect(await run.status).toBe(1); // stdin is still open
    expect(inspectorMessages(run.replies()[1])).toEqual([['ERROR', 'idetunnelscore failed: scoring blew up']]);
  });

  it('writes replies strictly in request order, even when a later chunk is scored first', async () => {
    const { handler, calls } = deferredHandler();
    const { input, push, end } = controlledInput();
    const run = start(handler, input);
    push(Buffer.concat([getinfoChunk(), EXEC(1)]));
    await tick();
    push(EXEC(2, true));
    await tick();
    expect(calls.map((c) => c.chunk.index)).toEqual([1, 2]);
    calls[1].resolve(reply(calls[1].chunk));
    await tick();
    expect(run.replies()).toHaveLength(1); // only getinfo: chunk 1 is not answered yet
    calls[0].resolve(reply(calls[0].chunk));
    end();
    expect(await run.status).toBe(0);
    expect(run.replies().map((r) => [r.metadata.finished, r.body.toString()])).toEqual([
      [undefined, ''],
      [false, 'reply 1\n'],
      [true, 'reply 2\n'],
    ]);
  });

  it('holds at most two unanswered chunks: it stops reading until the older reply is written', async () => {
    const { handler, calls, unansweredAtCall } = deferredHandler();
    const { input, push, end, pulls } = controlledInput();
    const run = start(handler, input);
    push(getinfoChunk());
    for (let n = 1; n <= 4; n++) push(EXEC(n, n === 4));
    await tick();
    // chunk 1 is out, chunk 2 is read and sent meanwhile, chunk 3 is not read while 1 is unanswered
    expect(calls.map((c) => c.chunk.index)).toEqual([1, 2]);
    const pullsWhileWaiting = pulls();
    await tick();
    expect(pulls()).toBe(pullsWhileWaiting);
    for (let n = 0; n < 4; n++) {
      await tick();
      calls[n].resolve(reply(calls[n].chunk));
    }
    end();
    expect(await run.status).toBe(0);
    expect(Math.max(...unansweredAtCall)).toBe(1); // each execute starts with at most one other chunk out
    expect(run.replies().map((r) => r.body.toString())).toEqual(['', 'reply 1\n', 'reply 2\n', 'reply 3\n', 'reply 4\n']);
  });

  it('a chunk that fails while the next one is being scored: one ERROR reply in its place, nothing for the next, exit 1', async () => {
    const { handler, calls } = deferredHandler();
    const { input, push } = controlledInput();
    const run = start(handler, input);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      push(Buffer.concat([getinfoChunk(), EXEC(1), EXEC(2), EXEC(3, true)]));
      await tick();
      calls[0].resolve(reply(calls[0].chunk));
      await tick();
      calls[1].reject(new Error('scoring blew up'));
      calls[2].reject(new Error('a later failure nobody asked about'));
      expect(await run.status).toBe(1);
      await tick();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    const replies = run.replies();
    expect(replies.map((r) => r.metadata.finished)).toEqual([undefined, false, true]);
    expect(inspectorMessages(replies[2])).toEqual([['ERROR', 'idetunnelscore failed: scoring blew up']]);
    expect(run.log).toHaveLength(1);
    expect(unhandled).toEqual([]);
  });

  it('a ProtocolError from a chunk scored elsewhere is reported as thrown in this thread (no "failed:" prefix)', async () => {
    const { handler, calls } = deferredHandler();
    const { input, push } = controlledInput();
    const run = start(handler, input);
    push(Buffer.concat([getinfoChunk(), EXEC(1, true)]));
    await tick();
    calls[0].reject(new ProtocolError('BAD_CSV', 'unterminated quote', 1));
    expect(await run.status).toBe(1);
    expect(inspectorMessages(run.replies()[1])).toEqual([['ERROR', 'chunk 1: unterminated quote']]);
  });

  it('a framing error after a chunk still being scored: that chunk is answered first, then the ERROR', async () => {
    const { handler, calls } = deferredHandler();
    const { input, push } = controlledInput();
    const run = start(handler, input);
    push(Buffer.concat([getinfoChunk(), EXEC(1), Buffer.from('chunked 1.0,abc\n')]));
    await tick();
    expect(run.replies()).toHaveLength(1);
    calls[0].resolve(reply(calls[0].chunk));
    expect(await run.status).toBe(1);
    const replies = run.replies();
    expect(replies.map((r) => r.body.toString())).toEqual(['', 'reply 1\n', '']);
    expect(inspectorMessages(replies[2])[0]).toEqual(['ERROR', expect.stringMatching(/^chunk 2: expected "chunked 1.0/)]);
  });

  it('input after the final chunk while it is being scored: the final reply is written, nothing after it', async () => {
    const { handler, calls } = deferredHandler();
    const { input, push } = controlledInput();
    const run = start(handler, input);
    push(Buffer.concat([getinfoChunk(), EXEC(1, true), EXEC(2)]));
    await tick();
    calls[0].resolve(reply(calls[0].chunk));
    expect(await run.status).toBe(1);
    expect(run.replies().map((r) => r.metadata.finished)).toEqual([undefined, true]);
    expect(run.log.join('\n')).toMatch(/after the final reply; not answered/);
  });

  it('input that ends inside a chunk while the one before is being scored: that one is answered, then the truncation ERROR', async () => {
    const { handler, calls } = deferredHandler();
    const { input, push, end } = controlledInput();
    const run = start(handler, input);
    const next = EXEC(2, true);
    push(Buffer.concat([getinfoChunk(), EXEC(1), next.subarray(0, next.length - 3)]));
    end();
    await tick();
    calls[0].resolve(reply(calls[0].chunk));
    expect(await run.status).toBe(1);
    const replies = run.replies();
    expect(replies[1].body.toString()).toBe('reply 1\n');
    expect(inspectorMessages(replies[2])[0]).toEqual(['ERROR', expect.stringMatching(/input ended after \d+ of \d+ declared bytes/)]);
  });

  it('a chunk scored in this thread after one scored elsewhere waits for that one to be answered first', async () => {
    const { handler, calls } = deferredHandler();
    let inThread = 0;
    const mixed: CommandHandler = {
      ...handler,
      execute: (chunk) => (chunk.index === 2 ? (inThread++, { body: 'in thread\n', messages: [] }) : handler.execute(chunk)),
    };
    const { input, push, end } = controlledInput();
    const run = start(mixed, input);
    push(Buffer.concat([getinfoChunk(), EXEC(1), EXEC(2, true)]));
    await tick();
    expect(inThread).toBe(1);
    expect(run.replies()).toHaveLength(1);
    calls[0].resolve(reply(calls[0].chunk));
    end();
    expect(await run.status).toBe(0);
    expect(run.replies().map((r) => r.body.toString())).toEqual(['', 'reply 1\n', 'in thread\n']);
  });

  it('an ERROR message in a result ends the session after that reply, as without pipelining', async () => {
    const { handler, calls } = deferredHandler();
    const { input, push } = controlledInput();
    const run = start(handler, input);
    push(Buffer.concat([getinfoChunk(), EXEC(1), EXEC(2, true)]));
    await tick();
    calls[0].resolve({ body: '', messages: [['ERROR', 'told by the command']] });
    expect(await run.status).toBe(1);
    expect(run.replies().map((r) => r.metadata.finished)).toEqual([undefined, false]);
  });
});
