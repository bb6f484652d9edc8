import { Chunk, ChunkMemory, ChunkReader } from './chunkReader';
import { encodeChunk, encodeChunkParts } from './chunkWriter';
import { ProtocolError } from './errors';

/** A message for the job inspector: `[level, text]`, level one of DEBUG, INFO, WARN, ERROR. */
export type InspectorMessage = ['DEBUG' | 'INFO' | 'WARN' | 'ERROR', string];

/** What a command answers to getinfo. */
export interface GetinfoResult {
  /** The reply metadata, e.g. `{type: 'stateful', required_fields: [...]}`. */
  reply: Record<string, unknown>;
  /** Messages for the job inspector; any ERROR ends the session after the reply (exit status 1). */
  messages: InspectorMessage[];
}

/** What a command answers to one execute chunk. */
export interface ExecuteResult {
  /** The reply body (CSV text, or its UTF-8 bytes), written whole after its byte length. */
  body: string | Buffer;
  messages: InspectorMessage[];
}

/** The command side of a session: pure functions of the chunks, no I/O. */
export interface CommandHandler {
  /** Called once with the getinfo metadata (`searchinfo.args` holds the search's options). */
  getinfo(metadata: Record<string, unknown>): GetinfoResult;
  /**
   * Called once per execute chunk, in order. Throwing ends the session with an ERROR reply. The
   * chunk's memory and the returned body may be reused once the reply is written.
   */
  execute(chunk: Chunk): ExecuteResult;
  /** Metadata keys of an error reply sent before getinfo was answered (e.g. `{type: 'stateful'}`). */
  readonly fallbackInfo: Record<string, unknown>;
  /** Where the chunks are read into (default: fresh memory per chunk); each is given back once its reply is written. */
  readonly memory?: ChunkMemory;
}

/**
 * Where replies go; `write` resolves once the bytes are handed off (after 'drain' when the pipe is
 * full). The bytes may be reused after that (the session reuses chunk and reply memory), so a sink
 * that keeps them must copy them.
 */
export interface ChunkSink {
  write(bytes: Buffer): Promise<void>;
}

/** Options of {@link runSession}. */
export interface SessionOptions {
  /** Largest accepted chunk (metadata + body), bytes. */
  maxChunkBytes: number;
  /** One-line diagnostics for search.log (stderr). Must never receive the session key. */
  log(line: string): void;
}

/**
 * Runs one chunked-protocol session (custom search command protocol v2) over byte streams:
 * answers getinfo exactly once, then one reply per execute chunk carrying the request's
 * `finished` value. Sequence rules from ../shared/reference/scpv2 (ndietrich streaming/stateful
 * transcripts, splunklib recordings).
 *
 * @returns the process exit status: 0 after a normal end of input (including a getinfo-only probe
 *   whose stdin closes after getinfo), 1 after any ERROR reply (bad options, malformed input,
 *   a failure in the command); in every error case one reply with an ERROR inspector message is
 *   written first when the protocol still allows a reply: never after the reply to the
 *   `finished: true` request, because splunkd expects nothing more and an unrequested reply is how
 *   the Python SDK's "two replies to one request" desynchronised the pipe. Input after that reply
 *   is reported on stderr only.
 */
export async function runSession(
  input: AsyncIterable<Buffer>,
  sink: ChunkSink,
  handler: CommandHandler,
  options: SessionOptions,
): Promise<number> {
  const reader = new ChunkReader({ maxChunkBytes: options.maxChunkBytes, memory: handler.memory });
  let answeredGetinfo = false;
  let finished = false;
  let answeredFinal = false;

  /** Logs one line (with `detail`, e.g. a stack, for search.log only) and answers with an ERROR. */
  const replyError = async (text: string, detail?: string): Promise<number> => {
    const logged = detail ? `${text} [${detail}]` : text;
    if (answeredFinal) {
      options.log(`ERROR ${logged} (input after the final reply; not answered)`);
      return 1;
    }
    const metadata = answeredGetinfo ? { finished: true } : { ...handler.fallbackInfo, finished: true };
    options.log(`ERROR ${logged}`);
    await sink.write(encodeChunk({ ...metadata, inspector: { messages: [['ERROR', text]] } }));
    return 1;
  };

  try {
    for await (const data of input) {
      for (const chunk of reader.feed(data)) {
        const action = chunk.metadata.action;
        if (!answeredGetinfo) {
          if (action !== 'getinfo') {
            throw new ProtocolError('UNEXPECTED_ACTION', `expected getinfo first, got action ${JSON.stringify(action)}`, chunk.index);
          }
          const result = handler.getinfo(chunk.metadata);
          const reply = result.messages.length > 0 ? { ...result.reply, inspector: { messages: result.messages } } : result.reply;
          answeredGetinfo = true;
          await sink.write(encodeChunk(reply));
          const errors = result.messages.filter(([level]) => level === 'ERROR').map(([, text]) => text);
          if (errors.length > 0) {
            // One search.log line whatever the number of bad options (the job inspector has one message each).
            options.log(`ERROR ${errors.join(' | ')}`);
            return 1;
          }
          continue;
        }
        if (action !== 'execute') {
          throw new ProtocolError('UNEXPECTED_ACTION', `expected action "execute", got ${JSON.stringify(action)}`, chunk.index);
        }
        if (finished) {
          throw new ProtocolError('UNEXPECTED_ACTION', 'execute chunk after the finished one', chunk.index);
        }
        finished = chunk.metadata.finished === true;
        const result = handler.execute(chunk);
        const metadata: Record<string, unknown> = { finished };
        if (result.messages.length > 0) metadata.inspector = { messages: result.messages };
        // Header and body as two writes: the body (often tens of MB) is not copied into a new message buffer.
        const [head, body] = encodeChunkParts(metadata, result.body);
        await sink.write(head);
        if (body.length > 0) await sink.write(body);
        reader.recycle(chunk);
        answeredFinal = finished;
        if (result.messages.some(([level]) => level === 'ERROR')) return 1;
      }
      if (reader.failure) throw reader.failure;
    }
    reader.end();
    return 0;
  } catch (error) {
    if (error instanceof ProtocolError) return replyError(error.message);
    if (error instanceof SinkClosedError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return replyError(`idetunnelscore failed: ${message}`, error instanceof Error && error.stack ? oneLine(error.stack) : undefined);
  }
}

/** Thrown by a sink whose reader went away (splunkd closed the pipe: the search was cancelled). */
export class SinkClosedError extends Error {
  constructor() {
    super('output closed by the reader');
    this.name = 'SinkClosedError';
  }
}

/** A multi-line text (a stack trace) as one search.log line: lines trimmed and joined with ` | `. */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' | ');
}
