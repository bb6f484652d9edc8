import { Worker } from 'worker_threads';
import type { Chunk } from '../protocol/chunkReader';
import { ProtocolError, ProtocolErrorCode } from '../protocol/errors';
import type { ExecuteResult, InspectorMessage } from '../protocol/session';
import { scoreChunk } from './idetunnelscore';
import type { CommandOptions } from './options';
import { ReplyScratch } from './scoreCsvBytes';

/** `workerData.role` of the scoring thread, so the bundle knows what to run when loaded in it. */
export const SCORING_THREAD_ROLE = 'idetunnelscore-scoring';

/** What the scoring thread is started with (`workerData`). */
export interface ScoringThreadData {
  role: typeof SCORING_THREAD_ROLE;
  options: CommandOptions;
}

/**
 * One execute chunk sent to the scoring thread: the chunk's whole memory (transferred, not copied),
 * where its body and room (Chunk.room) are in it (byte offsets), and its index for error messages.
 */
export interface ScoreRequest {
  id: number;
  index: number;
  memory: ArrayBuffer;
  bodyOffset: number;
  bodyLength: number;
  roomLength: number;
}

/** Where a reply built in place is in the chunk's memory (byte offset and length). */
export interface InPlaceReply {
  offset: number;
  length: number;
}

/**
 * The scoring thread's answer: `ready` once, when it has loaded; then one per request, in request
 * order, with the request's memory transferred back: the reply's place in it (built in place), or
 * the reply itself (the string path, or a reply too large for the room: a copy), or the error that
 * scoring threw.
 */
export type ScoreResponse =
  | { ready: true }
  | { id: number; memory: ArrayBuffer; messages: InspectorMessage[]; inPlace: InPlaceReply }
  | { id: number; memory: ArrayBuffer; messages: InspectorMessage[]; body: string | Uint8Array }
  | { id: number; memory: ArrayBuffer; error: { message: string; stack?: string; code?: ProtocolErrorCode } };

interface Waiting {
  chunk: Chunk;
  request: ScoreRequest;
  resolve(result: ExecuteResult): void;
  reject(error: Error): void;
}

/**
 * The main thread's side of the scoring thread (issue 5, pipelining): execute chunks are scored
 * there while the main thread reads the next chunk from stdin and writes the last reply to stdout.
 * Only computation runs there: stdin and stdout stay on the main thread (a thread blocked in a read
 * of fd 0 would hold the process's exit until splunkd closes the pipe), so process.exit ends the
 * thread at once whatever it is doing.
 *
 * A chunk's memory (its own ArrayBuffer: ChunkReader allocates large chunks so) is transferred to
 * the thread, which builds the reply in place as the main thread would, and transferred back with
 * the result; the chunk's `body` and `room` are then views of it again, so the reader can recycle
 * it. Until its promise settles the chunk's memory is not the main thread's.
 *
 * Chunks are sent once the thread has said it is ready. If it fails before that (it cannot load
 * the script), the chunks waiting for it are scored in the main thread, and {@link accepts} says
 * no from then on. If it fails after, the chunks it holds are rejected: the session answers with
 * an ERROR.
 */
export class ScoringWorker {
  private ready = false;
  private stopped = false;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  constructor(
    private readonly worker: Worker,
    private readonly options: CommandOptions,
  ) {
    worker.unref(); // referenced only while a chunk is out (see score), so it never holds the process open
    worker.on('message', (response: ScoreResponse) => this.settle(response));
    worker.on('error', (error: Error) => this.stop(error.message));
    worker.on('exit', (code) => this.stop(`exited with status ${code}`));
  }

  /** True for a chunk the thread can score: one with its own memory and room for its reply. */
  accepts(chunk: Chunk): boolean {
    return !this.stopped && chunk.room !== undefined && chunk.body.byteOffset === chunk.room.byteOffset;
  }

  /** Scores `chunk` on the thread; settles in the order chunks were given. Needs {@link accepts}. */
  score(chunk: Chunk): Promise<ExecuteResult> {
    const request: ScoreRequest = {
      id: this.nextId++,
      index: chunk.index,
      memory: chunk.body.buffer as ArrayBuffer,
      bodyOffset: chunk.body.byteOffset,
      bodyLength: chunk.body.length,
      roomLength: (chunk.room as Buffer).length,
    };
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(request.id, { chunk, request, resolve, reject });
      if (this.ready) this.send(request);
    });
  }

  private send(request: ScoreRequest): void {
    this.worker.postMessage(request, [request.memory]);
  }

  private settle(response: ScoreResponse): void {
    if ('ready' in response) {
      this.ready = true;
      for (const { request } of this.waiting.values()) this.send(request);
      return;
    }
    const waiting = this.waiting.get(response.id);
    if (!waiting) return;
    this.waiting.delete(response.id);
    if (this.waiting.size === 0) this.worker.unref();
    const { chunk, request } = waiting;
    chunk.body = Buffer.from(response.memory, request.bodyOffset, request.bodyLength);
    chunk.room = Buffer.from(response.memory, request.bodyOffset, request.roomLength);
    if ('error' in response) waiting.reject(rebuildError(response.error));
    else if ('inPlace' in response) {
      const { offset, length } = response.inPlace;
      waiting.resolve({ body: Buffer.from(response.memory, offset, length), messages: response.messages });
    } else {
      const body = response.body;
      waiting.resolve({ body: typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.length), messages: response.messages });
    }
  }

  private stop(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    this.worker.unref();
    for (const { chunk, resolve, reject } of waiting) {
      if (this.ready) {
        reject(new Error(`the scoring thread stopped (${reason})`));
        continue;
      }
      // It never started, so these chunks were never sent: score them here, each with its own
      // reply memory, since both may be scored before the first reply is written.
      try {
        resolve(scoreChunk(chunk, this.options, new ReplyScratch()));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
}

/** The error the scoring thread reported, as the session would have seen it thrown in the main thread. */
function rebuildError(error: { message: string; stack?: string; code?: ProtocolErrorCode }): Error {
  // The message already names the chunk (ProtocolError prefixes `chunk N: `).
  const rebuilt = error.code ? new ProtocolError(error.code, error.message) : new Error(error.message);
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}

/**
 * Starts the scoring thread from `script` (the bundle, bin/idetunnelscore.js, whose entry runs
 * the thread's side when loaded as it: see main.ts). Returns null, and the session scores every
 * chunk in the main thread, where no thread can be started from the script: inside a Node single
 * executable application (scripts/package-standalone.mjs: there `__filename` is the executable,
 * not a script a thread can load), for a script that is not a `.js` file, or when Node refuses
 * to create the thread.
 */
export function startScoringWorker(script: string, options: CommandOptions): ScoringWorker | null {
  if (!script.endsWith('.js') || runsAsSingleExecutable()) return null;
  const workerData: ScoringThreadData = { role: SCORING_THREAD_ROLE, options };
  try {
    // stdout belongs to the protocol: anything the thread printed there goes to search.log instead
    const worker = new Worker(script, { workerData, stdout: true });
    worker.stdout.on('data', (data: Buffer) => process.stderr.write(data));
    return new ScoringWorker(worker, options);
  } catch {
    return null;
  }
}

/** True inside a Node single executable application (`node:sea` isSea(), Node 20.12+; older Node has no SEA module). */
function runsAsSingleExecutable(): boolean {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sea = require('node:sea') as { isSea?: () => boolean };
    return sea.isSea?.() === true;
  } catch {
    return false;
  }
}
