import * as buffer from 'buffer';
import { runSession, SinkClosedError } from '../protocol/session';
import { createIdetunnelscoreHandler } from './idetunnelscore';
import { ReplySink } from './replySink';

/** Default cap on one chunk's declared size: far above the ~16 MB splunkd sends per 50,000 rows. */
const DEFAULT_MAX_CHUNK_BYTES = 1024 * 1024 * 1024;

/** Writes one search.log line (stderr); line breaks inside `line` become spaces so it stays one line. */
function log(line: string): void {
  process.stderr.write(`idetunnelscore: ${line.replace(/[\r\n\u2028\u2029]+/g, ' ')}\n`);
}

/** What the process arguments ask for. */
interface ProcessArgs {
  maxChunkBytes: number;
  /** `--threads=N` given: accepted and ignored (the command scores on one thread). */
  threads: string | undefined;
  errors: string[];
}

/**
 * Parses the process arguments commands.conf passes (`command.arg.N`): `--max-chunk-bytes=N`, and
 * `--threads=1|2`, accepted so that a `command.arg.2 = --threads=2` from an earlier release does not
 * fail every search, and ignored (the helper thread it started is gone: it bought about a fifth of
 * wall time on an idle two-core machine and nothing under load; BENCHMARKS.md).
 */
function parseProcessArgs(argv: readonly string[]): ProcessArgs {
  let maxChunkBytes = DEFAULT_MAX_CHUNK_BYTES;
  let threads: string | undefined;
  const errors: string[] = [];
  for (const arg of argv) {
    const size = /^--max-chunk-bytes=(\d+)$/.exec(arg);
    const count = /^--threads=([12])$/.exec(arg);
    // at most what one Buffer can hold (4 GiB on Node 20), so a declared size under the cap can be allocated
    if (size && Number(size[1]) > 0 && Number(size[1]) <= buffer.constants.MAX_LENGTH) maxChunkBytes = Number(size[1]);
    else if (count) threads = arg;
    else {
      errors.push(
        `bad command.arg ${JSON.stringify(arg.slice(0, 64))} in commands.conf (valid: --max-chunk-bytes=<bytes>, 1 to ${buffer.constants.MAX_LENGTH}; --threads=1 or 2)`,
      );
    }
  }
  return { maxChunkBytes, threads, errors };
}

const stdoutSink = new ReplySink(process.stdout);

let exiting = false;
let stopping = false;

/** How long SIGTERM/SIGINT wait for the reply being written to be read (milliseconds). */
const FINISH_REPLY_MS = 5000;

/**
 * SIGTERM/SIGINT: finishes the reply being written (splunkd reads whole replies; a cut one is a
 * protocol error in search.log), for at most {@link FINISH_REPLY_MS}, starts no other, then exits
 * with one line saying which.
 */
function exitAfterReply(status: number, reason: string): void {
  if (exiting || stopping) return;
  stopping = true;
  void stdoutSink.stop(FINISH_REPLY_MS).then((whole) => {
    exitOnce(status, whole ? `${reason}; exiting (no reply left partly written)` : `${reason}; the reply being written was not read within ${FINISH_REPLY_MS / 1000} s, exiting with it cut`);
  });
}

/**
 * Ends the process once, with one search.log line saying why (the first reason wins: a closed
 * stdout can surface as EPIPE, SIGPIPE and a failed write at nearly the same time).
 */
function exitOnce(status: number, reason?: string): void {
  if (exiting) return;
  exiting = true;
  if (reason) log(reason);
  process.exit(status);
}

const STDOUT_CLOSED = 'stdout closed by splunkd (search cancelled); exiting';

/**
 * Process-level faults, each ending the process promptly with a one-line reason on stderr:
 * SIGTERM/SIGINT (search cancelled, splunkd stopping) after the reply being written, if any, is
 * finished (at most 5 s; no other is started); SIGPIPE and EPIPE (splunkd closed our stdout: nobody
 * reads) at once; and any error that escapes the session (no stack trace printed).
 */
function installFaultHandlers(): void {
  process.on('SIGTERM', () => exitAfterReply(143, 'SIGTERM received (search cancelled or splunkd stopping)'));
  process.on('SIGINT', () => exitAfterReply(130, 'SIGINT received'));
  // Node ignores SIGPIPE by default and reports EPIPE on the next write instead; a SIGPIPE sent to
  // the process (or raised by a write once this listener exists) means the same: nobody reads stdout.
  process.on('SIGPIPE', () => exitOnce(0, STDOUT_CLOSED));
  process.stdout.on('error', () => exitOnce(0, STDOUT_CLOSED));
  // Read errors reach runSession through the stdin iterator; once the session has stopped reading,
  // the iterator's own teardown (ABORT_ERR) and late errors have nothing left to report.
  process.stdin.on('error', () => undefined);
  process.on('uncaughtException', (error) => exitOnce(1, `fatal: ${error.message}`));
  process.on('unhandledRejection', (reason) => exitOnce(1, `fatal: ${reason instanceof Error ? reason.message : String(reason)}`));
}

/** Entry point: one protocol session over stdin/stdout, then exit with its status. */
async function main(): Promise<void> {
  installFaultHandlers();
  const { maxChunkBytes, threads, errors } = parseProcessArgs(process.argv.slice(2));
  if (threads !== undefined && errors.length === 0) log(`${threads} in commands.conf is ignored: the command scores on one thread (the option can be removed)`);
  try {
    const handler = createIdetunnelscoreHandler(errors);
    const status = await runSession(process.stdin, stdoutSink, handler, { maxChunkBytes, log });
    exitOnce(status);
  } catch (error) {
    if (error instanceof SinkClosedError) exitOnce(0, STDOUT_CLOSED);
    else exitOnce(1, `fatal: ${error instanceof Error ? error.message : String(error)}`);
  }
}

void main();
