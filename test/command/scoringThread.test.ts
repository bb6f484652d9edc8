/**
 * The helper thread (src/command/scoringThread.ts) as the command runs it: loaded from the bundle,
 * it scores the second part of large chunks and the reply is byte for byte the one-thread reply;
 * a helper that cannot start or stops answering is given up, and the caller scores everything.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_OPTIONS } from '../../src/command/options';
import { ReplyScratch, scoreCsvBytes } from '../../src/command/scoreCsvBytes';
import { ScoringThread } from '../../src/command/scoringThread';
import { writeCsvBody } from '../../src/protocol/csvBody';
import { createIdetunnelscoreHandler } from '../../src/command/idetunnelscore';
import type { ScoringHelper } from '../../src/command/scoringHelper';
import { runSession } from '../../src/protocol/session';
import { COMMAND_BUNDLE, executeChunk, getinfoChunk, pieces, runBundle } from '../helpers/protocolRun';

/**
 * A body of `rows` Sysmon-like rows (~8 MB for 20,000; ~400 bytes a row, so that the appended cells
 * fit in the room ChunkReader gives a chunk), some of them tool invocations that score.
 */
function bigBody(rows: number): Buffer {
  const header = ['Image', 'CommandLine', 'ParentCommandLine', 'EventCode', 'host'];
  const parent = `"C:\\Program Files\\Some Vendor\\agent.exe" --config "C:\\ProgramData\\Some Vendor\\agent.conf" ${'--flag '.repeat(40)}`;
  const table: string[][] = [];
  for (let i = 0; i < rows; i++) {
    if (i % 97 === 0) table.push([`C:\\Users\\u${i}\\Downloads\\code.exe`, `code.exe tunnel --accept-server-license-terms --name n${i}`, parent, '1', `h${i % 13}`]);
    else table.push([`C:\\Windows\\System32\\svchost${i % 5}.exe`, `svchost.exe -k "netsvcs ${i}" -p`, parent, '1', `h${i % 13}`]);
  }
  return Buffer.from(writeCsvBody({ header, rows: table }), 'utf8');
}

/** Scores `body` in place in a room twice its size (the way a helper is asked), as a string. */
function scoredInRoom(body: Buffer, thread: ScoringThread): string {
  const room = Buffer.alloc(body.length * 2);
  body.copy(room);
  return scoreCsvBytes(room.subarray(0, body.length), DEFAULT_OPTIONS, new ReplyScratch(), room, thread)!.body.toString('utf8');
}

/** Waits (hang bound, not a speed bound) until the helper says it is loaded. */
async function ready(thread: ScoringThread): Promise<void> {
  thread.prepare();
  const deadline = Date.now() + 20_000;
  while (!thread.ready) {
    if (Date.now() > deadline) throw new Error('helper thread not ready within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ScoringThread (worker loaded from the bundle)', () => {
  it('scores the second part of large chunks: replies identical to one thread, chunk after chunk', async () => {
    const lines: string[] = [];
    const thread = new ScoringThread(COMMAND_BUNDLE, (line) => lines.push(line));
    try {
      await ready(thread);
      const scratch = new ReplyScratch();
      for (const rows of [20_000, 30_000, 20_000]) {
        const body = bigBody(rows);
        expect(body.length).toBeGreaterThan(1 << 20);
        const expected = scoreCsvBytes(Buffer.from(body), DEFAULT_OPTIONS)!.body.toString('utf8');
        const room = Buffer.alloc(body.length * 2);
        body.copy(room);
        const split = scoreCsvBytes(room.subarray(0, body.length), DEFAULT_OPTIONS, scratch, room, thread);
        expect(split!.body.toString('utf8')).toBe(expected);
      }
      expect(thread.ready).toBe(true);
      expect(thread.answered).toBe(3);
      expect(lines).toEqual([]);
    } finally {
      thread.stop();
    }
  }, 60_000);

  it('is not started for chunks too small to split (a search of small chunks never pays for a thread)', () => {
    const thread = new ScoringThread(COMMAND_BUNDLE, () => undefined);
    const body = bigBody(2_000);
    expect(body.length).toBeLessThan(1 << 20);
    const room = Buffer.alloc(body.length * 2);
    body.copy(room);
    scoreCsvBytes(room.subarray(0, body.length), DEFAULT_OPTIONS, new ReplyScratch(), room, thread);
    expect(thread.started).toBe(false);
  });

  it('is given up, with one log line, when its script cannot be loaded; the caller scores alone', async () => {
    const lines: string[] = [];
    const thread = new ScoringThread(path.join(os.tmpdir(), 'no-such-idetunnelscore-bundle.js'), (line) => lines.push(line));
    thread.prepare();
    const deadline = Date.now() + 20_000;
    while (lines.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lines.join('\n')).toMatch(/scoring helper thread (failed|exited).*scoring on one thread from now on/);
    const body = bigBody(20_000);
    expect(scoredInRoom(body, thread)).toBe(scoreCsvBytes(Buffer.from(body), DEFAULT_OPTIONS)!.body.toString('utf8'));
  }, 30_000);

  it('is given up when it stops answering (no progress for stallMs); the chunk is still scored whole', async () => {
    // A helper that says it is ready and then never answers.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'idetunnel-helper-'));
    const script = path.join(dir, 'silent.js');
    writeFileSync(
      script,
      "const { workerData } = require('worker_threads');\n" +
        'const h = workerData.idetunnelscoreHelper;\n' +
        'Atomics.store(new Int32Array(h.signal), 0, 1);\n' +
        'h.port.on("message", () => undefined);\n',
    );
    const lines: string[] = [];
    const thread = new ScoringThread(script, (line) => lines.push(line), { stallMs: 300 });
    try {
      await ready(thread);
      const body = bigBody(20_000);
      expect(scoredInRoom(body, thread)).toBe(scoreCsvBytes(Buffer.from(body), DEFAULT_OPTIONS)!.body.toString('utf8'));
      expect(lines.join('\n')).toMatch(/no progress for 0.3 s; scoring on one thread from now on/);
      expect(thread.ready).toBe(false);
    } finally {
      thread.stop();
    }
  }, 30_000);
});

describe('the session tells the handler about a large chunk while its body arrives', () => {
  it('prepares the helper once the header of a chunk of 1 MiB or more is read, before that chunk is scored', async () => {
    const events: string[] = [];
    const helper: ScoringHelper = {
      prepare: () => events.push('prepare'),
      submit: () => {
        events.push('submit');
        return undefined;
      },
    };
    const big = executeChunk(bigBody(20_000), true);
    async function* input(): AsyncGenerator<Buffer> {
      yield getinfoChunk();
      for (const piece of pieces(big, 64 * 1024)) yield piece;
    }
    const status = await runSession(input(), { write: async () => undefined }, createIdetunnelscoreHandler([], helper), { maxChunkBytes: 1 << 30, log: () => undefined });
    expect(status).toBe(0);
    expect(events[0]).toBe('prepare');
    expect(events).toContain('submit');
    expect(events.indexOf('submit')).toBeGreaterThan(events.lastIndexOf('prepare'));
  });

  it('does not prepare it for small chunks', async () => {
    const events: string[] = [];
    const helper: ScoringHelper = { prepare: () => events.push('prepare'), submit: () => undefined };
    const small = executeChunk(bigBody(500), true);
    async function* input(): AsyncGenerator<Buffer> {
      yield getinfoChunk();
      for (const piece of pieces(small, 1024)) yield piece;
    }
    expect(await runSession(input(), { write: async () => undefined }, createIdetunnelscoreHandler([], helper), { maxChunkBytes: 1 << 30, log: () => undefined })).toBe(0);
    expect(events).toEqual([]);
  });
});

describe('the command with --threads=2 and --threads=1', () => {
  const session = Buffer.concat([
    getinfoChunk(),
    executeChunk(bigBody(20_000), false),
    executeChunk(bigBody(25_000), false),
    executeChunk(bigBody(20_000), true),
  ]);

  it('writes byte-identical replies and exits 0 (hang bound 60 s)', async () => {
    const one = await runBundle(session, ['--threads=1']);
    const two = await runBundle(session, ['--threads=2']);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.replies.length).toBe(4);
    expect(two.stdout.equals(one.stdout)).toBe(true);
    expect(two.stderr).toBe('');
  }, 120_000);

  it('refuses other thread counts with an ERROR at getinfo', async () => {
    const run = await runBundle(Buffer.concat([getinfoChunk(), executeChunk('a\n1\n', true)]), ['--threads=3']);
    expect(run.status).toBe(1);
    expect(JSON.stringify(run.replies[0].metadata)).toMatch(/--threads=1 or 2/);
  }, 60_000);
});
