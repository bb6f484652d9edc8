import { ChildProcessWithoutNullStreams } from 'child_process';
import { executeChunk, getinfoChunk, inspectorMessages, parseReplies } from '../helpers/protocolRun';
import { CommandProcessRun, MB, runCommandProcess } from './support/commandProcess';

/**
 * Process faults as splunkd causes them: the search is cancelled (stdout closed mid-reply, SIGTERM),
 * stdin closes mid-chunk, SIGPIPE. The command must exit promptly (each run is bounded: a liveness
 * check, not a speed test), write no stack trace on stdout and nothing but whole replies, and leave
 * one line on stderr saying why.
 */

const LIVENESS_MS = 20000;
const GETINFO = getinfoChunk();
const SMALL = executeChunk('Image,CommandLine,_chunked_idx\nC:\\a\\code.exe,code tunnel,0\n', false);

/** An execute chunk whose reply is far larger than a pipe buffer (so the command is mid-write). */
function largeChunk(megabytes: number): Buffer {
  const row = 'C:\\Windows\\System32\\cmd.exe,"cmd /c echo ""x"", y",0\n';
  return executeChunk('Image,CommandLine,_chunked_idx\n' + row.repeat(Math.ceil((megabytes * MB) / row.length)), true);
}

/** Calls `then` once stdout has delivered at least `bytes` bytes. */
function afterStdoutBytes(child: ChildProcessWithoutNullStreams, bytes: number, then: () => void): void {
  let seen = 0;
  let done = false;
  child.stdout.on('data', (d: Buffer) => {
    seen += d.length;
    if (!done && seen >= bytes) {
      done = true;
      then();
    }
  });
}

/** The common promises of every fault: no hang, one stderr line, no stack trace anywhere. */
function expectPromptQuietExit(run: CommandProcessRun, reason: RegExp): void {
  expect(run.timedOut).toBe(false);
  expect(run.signal).toBeNull();
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(reason);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout.toString('latin1')).not.toMatch(/\n\s+at /);
}

describe('process faults', () => {
  it('stdout closed mid-reply (search cancelled): exits 0 with one line, no retry, no hang', async () => {
    const getinfoReplyBytes = 2000;
    const run = await runCommandProcess(Buffer.concat([GETINFO, largeChunk(30)]), {
      timeoutMs: LIVENESS_MS,
      drive: (child, input) => {
        afterStdoutBytes(child, getinfoReplyBytes + 64 * 1024, () => child.stdout.destroy());
        child.stdin.end(input);
      },
    });
    expectPromptQuietExit(run, /stdout closed by splunkd/);
    expect(run.status).toBe(0);
  });

  it('stdout closed before the getinfo reply (probe cancelled): exits 0 with one line', async () => {
    const run = await runCommandProcess(GETINFO, {
      timeoutMs: LIVENESS_MS,
      drive: (child, input) => {
        child.stdout.destroy();
        child.stdin.write(input);
      },
    });
    expectPromptQuietExit(run, /stdout closed by splunkd/);
    expect(run.status).toBe(0);
  });

  it('stdin closed mid-chunk: an ERROR reply naming the truncation, exit 1, whole replies only', async () => {
    const half = SMALL.subarray(0, Math.floor(SMALL.length / 2));
    const run = await runCommandProcess(Buffer.concat([GETINFO, half]), { timeoutMs: LIVENESS_MS });
    expectPromptQuietExit(run, /ERROR .*ended after/);
    expect(run.status).toBe(1);
    const replies = parseReplies(run.stdout);
    expect(replies).toHaveLength(2);
    expect(inspectorMessages(replies[1])[0]).toEqual(['ERROR', expect.stringMatching(/ended after \d+ of \d+ declared bytes/)]);
  });

  // Issue 19 item 7, decided: stdin closing inside a chunk header is answered like stdin closing
  // inside a body, with one ERROR reply (splunklib's _read_chunk raises "Failed to parse transport
  // header" on a cut header line and its handler writes one finished reply with the error), so the
  // job inspector says why if splunkd still reads; if it does not, the write meets EPIPE and the
  // process exits quietly. After the reply to `finished: true` nothing is answered.
  it.each([
    ['cut inside the header line', 'chunked 1.0,3'],
    ['cut after "chunked"', 'chunked'],
  ])('stdin closed inside a chunk header (%s): one ERROR reply, exit 1, whole replies only', async (_name, cut) => {
    const run = await runCommandProcess(Buffer.concat([GETINFO, SMALL, Buffer.from(cut)]), { timeoutMs: LIVENESS_MS });
    expectPromptQuietExit(run, /ERROR .*input ended inside a chunk header/);
    expect(run.status).toBe(1);
    const replies = parseReplies(run.stdout);
    expect(replies).toHaveLength(3);
    expect(replies[2].metadata.finished).toBe(true);
    expect(inspectorMessages(replies[2])).toEqual([['ERROR', expect.stringMatching(/input ended inside a chunk header/)]]);
  });

  it('stdin closed inside a chunk header after the final reply: no reply, one stderr line, exit 1', async () => {
    const final = executeChunk('Image,CommandLine\nC:\\a\\code.exe,code tunnel\n', true);
    const run = await runCommandProcess(Buffer.concat([GETINFO, final, Buffer.from('chunked 1.0,3')]), { timeoutMs: LIVENESS_MS });
    expectPromptQuietExit(run, /input ended inside a chunk header .*not answered/);
    expect(run.status).toBe(1);
    expect(parseReplies(run.stdout)).toHaveLength(2);
  });

  it.each([
    ['SIGTERM', /SIGTERM received/, 143],
    ['SIGINT', /SIGINT received/, 130],
    ['SIGPIPE', /stdout closed by splunkd/, 0],
  ] as const)('%s while waiting for the next chunk: prompt exit, whole replies only, one line', async (signal, reason, status) => {
    const run = await runCommandProcess(Buffer.concat([GETINFO, SMALL]), {
      timeoutMs: LIVENESS_MS,
      drive: (child, input) => {
        let replies = 0;
        let buffered = Buffer.alloc(0);
        child.stdout.on('data', (d: Buffer) => {
          buffered = Buffer.concat([buffered, d]);
          try {
            replies = parseReplies(buffered).length;
          } catch {
            return; // a reply is still incomplete
          }
          if (replies === 2) child.kill(signal);
        });
        child.stdin.write(input); // stdin stays open: the command waits for more
      },
    });
    expectPromptQuietExit(run, reason);
    expect(run.status).toBe(status);
    expect(parseReplies(run.stdout)).toHaveLength(2);
  });

  it('SIGTERM while splunkd has stopped reading (the command is blocked on a full pipe): exit after the 5 s bound, one line', async () => {
    const run = await runCommandProcess(Buffer.concat([GETINFO, largeChunk(20)]), {
      timeoutMs: LIVENESS_MS,
      drive: (child, input) => {
        afterStdoutBytes(child, 1, () => {
          child.stdout.pause();
          setTimeout(() => child.kill('SIGTERM'), 1500);
        });
        child.stdin.end(input);
      },
    });
    expectPromptQuietExit(run, /SIGTERM received .*not read within 5 s, exiting with it cut/);
    expect(run.status).toBe(143);
  });

  // Issue 19: the exit path called process.exit with a write pending, leaving a header declaring
  // 106,089,420 body bytes followed by 131,072. Scaled down to a ~10 MB reply (far over a pipe buffer).
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s while a large reply is being written to a slow reader: the reply is finished, no other is started', async (signal, status) => {
    const run = await runCommandProcess(Buffer.concat([GETINFO, largeChunk(8), SMALL]), {
      timeoutMs: LIVENESS_MS,
      drive: (child, input) => {
        afterStdoutBytes(child, 200 * 1024, () => {
          child.stdout.pause();
          child.kill(signal);
          setTimeout(() => child.stdout.resume(), 500);
        });
        child.stdin.write(input); // stdin stays open: more chunks could come
      },
    });
    expectPromptQuietExit(run, new RegExp(`${signal} received.*no reply left partly written`));
    expect(run.status).toBe(status);
    const replies = parseReplies(run.stdout); // strict: every declared byte is there, nothing follows
    expect(replies).toHaveLength(2);
    expect(replies[1].body.length).toBeGreaterThan(8 * MB);
  });

  it('SIGPIPE while a large reply is being written: nobody reads, exit 0 at once (no 5 s wait)', async () => {
    let signalledAt = 0;
    const run = await runCommandProcess(Buffer.concat([GETINFO, largeChunk(8)]), {
      timeoutMs: LIVENESS_MS,
      drive: (child, input) => {
        afterStdoutBytes(child, 200 * 1024, () => {
          child.stdout.pause();
          signalledAt = Date.now();
          child.kill('SIGPIPE');
        });
        child.stdin.end(input);
      },
    });
    expectPromptQuietExit(run, /stdout closed by splunkd/);
    expect(run.status).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(4000); // did not wait for the reply to be read
  });

  it('empty stdin (started and closed at once): exit 0, nothing on stdout or stderr', async () => {
    const run = await runCommandProcess(Buffer.alloc(0), { timeoutMs: LIVENESS_MS });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toBe('');
  });
});
