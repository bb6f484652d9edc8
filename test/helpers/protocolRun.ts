import { spawn } from 'child_process';
import * as path from 'path';
import { Chunk, ChunkReader } from '../../src/protocol/chunkReader';
import { encodeChunk } from '../../src/protocol/chunkWriter';
import { parseCsvBody, Table } from '../../src/protocol/csvBody';
import { runSession } from '../../src/protocol/session';
import { createIdetunnelscoreHandler } from '../../src/command/idetunnelscore';

/** The bundled command built by `npm run build` (npm test builds first). */
export const COMMAND_BUNDLE = path.resolve(__dirname, '..', '..', 'bin', 'idetunnelscore.js');

/** A getinfo chunk as splunkd sends it, with the given search arguments. */
export function getinfoChunk(args: string[] = [], extra: Record<string, unknown> = {}): Buffer {
  return encodeChunk({
    action: 'getinfo',
    preview: false,
    streaming_command_will_restart: false,
    searchinfo: { args, raw_args: args, command: 'idetunnelscore', session_key: 'test-session-key', splunk_version: '9.4.0', ...extra },
  });
}

/** An execute chunk with a CSV body (text is sent as UTF-8). */
export function executeChunk(body: string | Buffer, finished: boolean): Buffer {
  return encodeChunk({ action: 'execute', finished }, body);
}

/** Result of running a whole session. */
export interface SessionOutput {
  status: number;
  stdout: Buffer;
  stderr: string;
  replies: Chunk[];
}

/** Parses a reply stream strictly (lengths must add up exactly; nothing may follow the last chunk). */
export function parseReplies(stdout: Buffer): Chunk[] {
  const reader = new ChunkReader({ maxChunkBytes: 2 ** 31 });
  const chunks = reader.feed(stdout);
  reader.end();
  return chunks;
}

/** A reply body as a table. */
export function replyTable(chunk: Chunk): Table {
  return parseCsvBody(chunk.body.toString('utf8'));
}

/**
 * Runs one session in this process (no spawn) with the input cut into the given pieces.
 * Same code path as the bundle: runSession + the idetunnelscore handler.
 */
export async function runInProcess(pieces: Buffer[], maxChunkBytes = 2 ** 30): Promise<SessionOutput> {
  const written: Buffer[] = [];
  const log: string[] = [];
  async function* input(): AsyncGenerator<Buffer> {
    for (const piece of pieces) yield piece;
  }
  const status = await runSession(input(), { write: async (b) => void written.push(Buffer.from(b)) }, createIdetunnelscoreHandler(), {
    maxChunkBytes,
    log: (line) => log.push(line),
  });
  const stdout = Buffer.concat(written);
  return { status, stdout, stderr: log.join('\n'), replies: parseReplies(stdout) };
}

/**
 * Runs the bundled command as splunkd would (a child process, stdin then EOF), with a time bound
 * that turns a hang into a test failure.
 */
export function runBundle(input: Buffer, argv: string[] = [], timeoutMs = 60000): Promise<SessionOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [COMMAND_BUNDLE, ...argv], { stdio: 'pipe' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`command did not exit within ${timeoutMs} ms (hang)`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out);
      let replies: Chunk[] = [];
      try {
        replies = parseReplies(stdout);
      } catch (error) {
        reject(new Error(`unparseable reply stream: ${(error as Error).message}`));
        return;
      }
      resolve({ status: code ?? -1, stdout, stderr: Buffer.concat(err).toString('utf8'), replies });
    });
    child.stdin.end(input);
  });
}

/** Splits a buffer into pieces of `size` bytes. */
export function pieces(buffer: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) out.push(buffer.subarray(i, i + size));
  return out;
}

/** The `[level, text]` inspector messages of a reply. */
export function inspectorMessages(chunk: Chunk): [string, string][] {
  return ((chunk.metadata.inspector as { messages?: [string, string][] } | undefined)?.messages ?? []);
}

/** Reads every chunk of a recording (strict framing). */
export function readRecording(bytes: Buffer): Chunk[] {
  const reader = new ChunkReader({ maxChunkBytes: 2 ** 31 });
  const chunks = reader.feed(bytes);
  if (reader.failure) throw reader.failure;
  return chunks;
}
