import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { COMMAND_BUNDLE } from '../../helpers/protocolRun';

/** Preload (`node -r`) that writes the process's peak RSS at exit; see peakRss.cjs. */
export const PEAK_RSS_PRELOAD = path.join(__dirname, 'peakRss.cjs');
/** Preload (`node -r`) that makes every network API throw and say so on stderr; see blockNetwork.cjs. */
export const BLOCK_NETWORK_PRELOAD = path.join(__dirname, 'blockNetwork.cjs');

/** How to run the bundled command in {@link runCommandProcess}. */
export interface CommandProcessOptions {
  /** Process arguments after the script (commands.conf `command.arg.N`), e.g. `['--max-chunk-bytes=1000']`. */
  argv?: string[];
  /** Modules to preload with `node -r` (see the *.cjs files beside this one). */
  preload?: string[];
  /** Liveness bound in milliseconds: past it the child is killed with SIGKILL and `timedOut` is set. */
  timeoutMs?: number;
  /** Record the child's peak resident set size (bytes) through the peakRss.cjs preload. */
  measurePeakRss?: boolean;
  /** Working directory of the child (default: this process's). */
  cwd?: string;
  /**
   * Drives the child instead of the default (write `input` to stdin, then close it). Used for fault
   * injection: closing stdout early, sending signals, closing stdin mid-chunk.
   */
  drive?: (child: ChildProcessWithoutNullStreams, input: Buffer) => void;
}

/** What a run of the command process produced. */
export interface CommandProcessRun {
  /** Exit status, or null when the process died from a signal. */
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Everything written to stdout (the protocol stream), unparsed. */
  stdout: Buffer;
  /** stderr decoded as UTF-8 (search.log lines). */
  stderr: string;
  /** Wall time from spawn to close, milliseconds (for liveness messages only, never asserted as speed). */
  elapsedMs: number;
  /** True when the liveness bound was hit and the child was killed. */
  timedOut: boolean;
  /** Peak resident set size in bytes when `measurePeakRss` was set (from getrusage ru_maxrss). */
  peakRssBytes: number | null;
}

/**
 * Runs `bin/idetunnelscore.js` as splunkd would (a child process of this Node, stdin/stdout pipes),
 * with a liveness bound, optional preloads and peak-RSS measurement. Never rejects: a hang comes
 * back as `timedOut: true` so the test can say what it was doing.
 */
export function runCommandProcess(input: Buffer, options: CommandProcessOptions = {}): Promise<CommandProcessRun> {
  const preload = [...(options.preload ?? [])];
  let rssDir: string | null = null;
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (options.measurePeakRss) {
    rssDir = mkdtempSync(path.join(tmpdir(), 'idetunnel-rss-'));
    env.IDETUNNEL_TEST_PEAK_RSS_FILE = path.join(rssDir, 'peak-rss-kb');
    preload.push(PEAK_RSS_PRELOAD);
  }
  const nodeArgs = preload.flatMap((module) => ['-r', module]);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, COMMAND_BUNDLE, ...(options.argv ?? [])], {
      stdio: 'pipe',
      cwd: options.cwd,
      env,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60000);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stdout.on('error', () => undefined);
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.on('error', () => undefined);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      let peakRssBytes: number | null = null;
      if (rssDir) {
        try {
          peakRssBytes = Number(readFileSync(path.join(rssDir, 'peak-rss-kb'), 'utf8')) * 1024;
        } catch {
          peakRssBytes = null;
        }
        rmSync(rssDir, { recursive: true, force: true });
      }
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
        elapsedMs: Date.now() - started,
        timedOut,
        peakRssBytes,
      });
    });
    if (options.drive) options.drive(child, input);
    else child.stdin.end(input);
  });
}

/** Megabytes (2^20 bytes), for readable bounds and messages. */
export const MB = 1024 * 1024;

/**
 * The memory bound of the performance issue ("peak RSS at most 3x the largest chunk plus 80 MB:
 * the reply must be whole before its length is written, so one chunk in and one out is the least
 * any design holds"), read with the reply counted as a chunk too, since the detection's reasons
 * can make a reply several times its request: the request, the reply, one more copy of the larger
 * of the two, and 80 MB for the Node runtime. Equal to 3x chunk + 80 MB when the reply is as large
 * as the request. Throws with the numbers in the message when the peak is over it or unmeasured.
 */
export function expectPeakRssWithin(peakRssBytes: number | null, requestBytes: number, replyBytes: number): void {
  const bound = requestBytes + replyBytes + Math.max(requestBytes, replyBytes) + 80 * MB;
  const mb = (bytes: number | null) => (bytes === null ? 'unknown' : `${(bytes / MB).toFixed(1)} MB`);
  if (peakRssBytes === null || peakRssBytes > bound) {
    throw new Error(
      `peak RSS ${mb(peakRssBytes)} is over the bound ${mb(bound)} (request ${mb(requestBytes)} + reply ${mb(replyBytes)} + the larger again + 80 MB)`,
    );
  }
}
