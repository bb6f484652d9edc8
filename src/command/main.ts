import { ChunkSink, runSession, SinkClosedError } from '../protocol/session';
import { createIdetunnelscoreHandler } from './idetunnelscore';

/** Default cap on one chunk's declared size: far above the ~16 MB splunkd sends per 50,000 rows. */
const DEFAULT_MAX_CHUNK_BYTES = 1024 * 1024 * 1024;

function log(line: string): void {
  process.stderr.write(`idetunnelscore: ${line}\n`);
}

/** Parses the process arguments commands.conf passes (`command.arg.N`): only `--max-chunk-bytes=N`. */
function parseProcessArgs(argv: readonly string[]): { maxChunkBytes: number; errors: string[] } {
  let maxChunkBytes = DEFAULT_MAX_CHUNK_BYTES;
  const errors: string[] = [];
  for (const arg of argv) {
    const match = /^--max-chunk-bytes=(\d+)$/.exec(arg);
    if (match && Number(match[1]) > 0) maxChunkBytes = Number(match[1]);
    else errors.push(`bad command.arg "${arg}" in commands.conf (valid: --max-chunk-bytes=<bytes>)`);
  }
  return { maxChunkBytes, errors };
}

const stdoutSink: ChunkSink = {
  write: (bytes) =>
    new Promise((resolve, reject) => {
      process.stdout.write(bytes, (error) => (error ? reject(new SinkClosedError()) : resolve()));
    }),
};

/** Entry point: one protocol session over stdin/stdout, then exit with its status. */
async function main(): Promise<void> {
  process.on('SIGTERM', () => {
    log('SIGTERM received (search cancelled or splunkd stopping); exiting');
    process.exit(143);
  });
  process.stdout.on('error', () => {
    log('stdout closed by splunkd (search cancelled); exiting');
    process.exit(0);
  });
  let sessionOver = false;
  process.stdin.on('error', () => {
    if (sessionOver) return;
    log('stdin closed with an error; exiting');
    process.exit(1);
  });
  const { maxChunkBytes, errors } = parseProcessArgs(process.argv.slice(2));
  try {
    const status = await runSession(process.stdin, stdoutSink, createIdetunnelscoreHandler(errors), { maxChunkBytes, log });
    sessionOver = true;
    process.exit(status);
  } catch (error) {
    if (error instanceof SinkClosedError) {
      log('stdout closed by splunkd (search cancelled); exiting');
      process.exit(0);
    }
    log(`fatal: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

void main();
