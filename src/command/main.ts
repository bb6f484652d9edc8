import * as buffer from 'buffer';
import { ChunkSink, runSession, SinkClosedError } from '../protocol/session';
import { createIdetunnelscoreHandler } from './idetunnelscore';

/** Default cap on one chunk's declared size: far above the ~16 MB splunkd sends per 50,000 rows. */
const DEFAULT_MAX_CHUNK_BYTES = 1024 * 1024 * 1024;

/** Writes one search.log line (stderr); line breaks inside `line` become spaces so it stays one line. */
function log(line: string): void {
  process.stderr.write(`idetunnelscore: ${line.replace(/[\r\n\u2028\u2029]+/g, ' ')}\n`);
}

/** Parses the process arguments commands.conf passes (`command.arg.N`): only `--max-chunk-bytes=N`. */
function parseProcessArgs(argv: readonly string[]): { maxChunkBytes: number; errors: string[] } {
  let maxChunkBytes = DEFAULT_MAX_CHUNK_BYTES;
  const errors: string[] = [];
  for (const arg of argv) {
    const match = /^--max-chunk-bytes=(\d+)$/.exec(arg);
    // at most what one Buffer can hold (4 GiB on Node 20), so a declared size under the cap can be allocated
    if (match && Number(match[1]) > 0 && Number(match[1]) <= buffer.constants.MAX_LENGTH) maxChunkBytes = Number(match[1]);
    else errors.push(`bad command.arg ${JSON.stringify(arg.slice(0, 64))} in commands.conf (valid: --max-chunk-bytes=<bytes>, 1 to ${buffer.constants.MAX_LENGTH})`);
  }
  return { maxChunkBytes, errors };
}

const stdoutSink: ChunkSink = {
  write: (bytes) =>
    new Promise((resolve, reject) => {
      process.stdout.write(bytes, (error) => (error ? reject(new SinkClosedError()) : resolve()));
    }),
};

let exiting = false;

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
 * Process-level faults, each ending the process promptly with a one-line reason on stderr and
 * nothing more on stdout: SIGTERM/SIGINT (search cancelled, splunkd stopping), SIGPIPE and EPIPE
 * (splunkd closed our stdout), and any error that escapes the session (no stack trace printed).
 */
function installFaultHandlers(): void {
  process.on('SIGTERM', () => exitOnce(143, 'SIGTERM received (search cancelled or splunkd stopping); exiting'));
  process.on('SIGINT', () => exitOnce(130, 'SIGINT received; exiting'));
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
  const { maxChunkBytes, errors } = parseProcessArgs(process.argv.slice(2));
  try {
    const status = await runSession(process.stdin, stdoutSink, createIdetunnelscoreHandler(errors), { maxChunkBytes, log });
    exitOnce(status);
  } catch (error) {
    if (error instanceof SinkClosedError) exitOnce(0, STDOUT_CLOSED);
    else exitOnce(1, `fatal: ${error instanceof Error ? error.message : String(error)}`);
  }
}

void main();
