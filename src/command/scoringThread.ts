import { isMainThread, parentPort, workerData } from 'worker_threads';
import type { Chunk } from '../protocol/chunkReader';
import { ProtocolError } from '../protocol/errors';
import { scoreChunk } from './idetunnelscore';
import { ReplyScratch } from './scoreCsvBytes';
import { SCORING_THREAD_ROLE, ScoreRequest, ScoreResponse, ScoringThreadData } from './scoringWorker';

/** True when this code runs as the scoring thread started by `startScoringWorker` (scoringWorker.ts). */
export function isScoringThread(): boolean {
  return !isMainThread && (workerData as Partial<ScoringThreadData> | null)?.role === SCORING_THREAD_ROLE;
}

/**
 * The scoring thread's side: scores each chunk it is sent, in order, with the session's options,
 * and answers with where the reply is (see ScoreResponse). It only computes: it never reads stdin
 * or writes stdout (the main thread does both), so the process can exit while it works.
 */
export function runScoringThread(): void {
  const { options } = workerData as ScoringThreadData;
  const port = parentPort;
  if (!port) return;
  // Reply memory of the thread: each reply is taken (or copied) by the main thread before the next request.
  const scratch = new ReplyScratch();
  port.on('message', (request: ScoreRequest) => {
    const response = score(request);
    const transfer: ArrayBuffer[] = 'memory' in response ? [response.memory] : [];
    if ('body' in response && typeof response.body !== 'string') transfer.push(response.body.buffer as ArrayBuffer);
    port.postMessage(response, transfer);
  });
  const ready: ScoreResponse = { ready: true };
  port.postMessage(ready);

  function score(request: ScoreRequest): ScoreResponse {
    const { id, memory, bodyOffset } = request;
    const chunk: Chunk = {
      index: request.index,
      metadata: {},
      body: Buffer.from(memory, bodyOffset, request.bodyLength),
      room: Buffer.from(memory, bodyOffset, request.roomLength),
    };
    try {
      const { body, messages } = scoreChunk(chunk, options, scratch);
      if (typeof body === 'string') return { id, memory, messages, body };
      if (body.buffer === memory) return { id, memory, messages, inPlace: { offset: body.byteOffset, length: body.length } };
      return { id, memory, messages, body: new Uint8Array(body) }; // a copy, transferred: scratch is reused
    } catch (error) {
      if (error instanceof ProtocolError) return { id, memory, error: { message: error.message, code: error.code } };
      if (error instanceof Error) return { id, memory, error: { message: error.message, stack: error.stack } };
      return { id, memory, error: { message: String(error) } };
    }
  }
}
