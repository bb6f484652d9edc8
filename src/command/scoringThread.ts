import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'worker_threads';
import type { CommandOptions } from './options';
import { HelperRecords, HelperSplit, ScoringHelper, SPLIT_MIN_BYTES } from './scoringHelper';

/** Slots of the shared signal array (Int32Array over a SharedArrayBuffer). */
export const SIGNAL = { ready: 0, done: 1, beat: 2 } as const;

/** What the helper thread gets as `workerData`. */
export interface ScoringThreadData {
  idetunnelscoreHelper: { signal: SharedArrayBuffer; port: MessagePort };
}

/** One job: a copy of the chunk body from byte `from` on, in `memory` (transferred, handed back with the answer). */
export interface ScoringJob {
  seq: number;
  memory: ArrayBuffer;
  length: number;
  from: number;
  header: readonly string[];
  options: CommandOptions;
  /** The cells memory of the answer before (the caller is done with it), for the helper to write the next cells into. */
  cellsMemory?: ArrayBuffer;
}

/** The helper's answer to job `seq` (records null when it declined or failed), and the job's memory back. */
export interface ScoringAnswer {
  seq: number;
  records: HelperRecords | null;
  memory: ArrayBuffer;
  /** When the helper finished, process.hrtime.bigint() as a number (nanoseconds; one clock for every thread). */
  finishedAt: number;
  error?: string;
}

/**
 * Share of the records (by bytes) the calling thread keeps at first: it also reads stdin, checks
 * UTF-8 and moves every record into the reply after both parts are scored, so the helper takes a
 * bit more. After each chunk the share follows the two threads' measured speeds (see `adapt`).
 */
const FIRST_CALLER_SHARE = 0.45;
/** Bounds of the adapted share: the helper always gets some work, so that its speed stays measured. */
const MIN_CALLER_SHARE = 0.2;
const MAX_CALLER_SHARE = 0.95;
/** A helper that shows no progress for this long is given up (its part is then scored by the caller). */
const STALL_MS = 10_000;

/** Options of {@link ScoringThread}. */
export interface ScoringThreadOptions {
  /** Milliseconds without progress after which the helper is given up (default 10,000). */
  stallMs?: number;
}

/**
 * A second thread (node:worker_threads) that scores the second part of each large chunk while the
 * session's thread scores the first: the same code on a copy of the same bytes, so the reply is
 * byte for byte what one thread writes. The part is copied into memory that is transferred to the
 * helper and back with its answer (reused for the next chunk), not shared: Buffer#indexOf,
 * copyWithin and copies into a SharedArrayBuffer ran 1.5-2.5x slower, which cost more than the copy
 * (narrow 1M rows: 3.8 s wall with the body shared vs 2.8 s on one thread; see BENCHMARKS.md). The helper only computes: stdin and stdout stay with the session's thread (a
 * thread blocked reading fd 0 would hold up the process's exit).
 *
 * The caller waits for the helper with Atomics.wait and takes its answer with
 * receiveMessageOnPort, so the session stays synchronous per chunk (one reply per request, in
 * order). Failure is never fatal: a helper that cannot start (no bundle file, e.g. in a Node
 * single executable), throws, exits or stalls for STALL_MS is dropped with one search.log line and
 * the caller scores everything itself.
 */
export class ScoringThread implements ScoringHelper {
  private readonly signal = new Int32Array(new SharedArrayBuffer(16));
  private port: MessagePort | undefined;
  private worker: Worker | undefined;
  private seq = 0;
  private broken = false;
  /** Jobs the helper answered with records (for tests and diagnostics). */
  answered = 0;
  /** The last job's memory, handed back by the helper. */
  private spare: ArrayBuffer | undefined;
  /** The last answer's cells memory, given back to the helper with the next job. */
  private spareCells: ArrayBuffer | undefined;
  private readonly stallMs: number;
  /** The calling thread's share of the records after the probe (by bytes), adapted per chunk. */
  private share = FIRST_CALLER_SHARE;

  /**
   * @param script the command's bundle (bin/idetunnelscore.js), which runs the helper loop when
   *   started as a worker with {@link ScoringThreadData}
   * @param log one search.log line
   */
  constructor(
    private readonly script: string,
    private readonly log: (line: string) => void,
    options: ScoringThreadOptions = {},
  ) {
    this.stallMs = options.stallMs ?? STALL_MS;
  }

  /**
   * Starts the thread (it loads the bundle: ~30-50 ms on another core) unless started already.
   * The session calls it (prepare) when the header of a chunk large enough to split has been read,
   * so the thread loads while that chunk's body arrives; a search of small chunks never starts one.
   */
  prepare(): void {
    if (this.worker || this.broken) return;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const workerData: ScoringThreadData = { idetunnelscoreHelper: { signal: this.signal.buffer as SharedArrayBuffer, port: port2 } };
    try {
      this.worker = new Worker(this.script, { workerData, transferList: [port2], stdout: true, stderr: false });
    } catch (error) {
      this.giveUp(`scoring helper thread not started: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.worker.unref();
    this.port.unref();
    this.worker.on('error', (error) => this.giveUp(`scoring helper thread failed: ${error.message}`));
    this.worker.on('exit', (code) => this.giveUp(`scoring helper thread exited (status ${code})`));
  }

  submit(body: Buffer, firstRecord: number, header: readonly string[], options: CommandOptions): HelperSplit | undefined {
    if (body.length < SPLIT_MIN_BYTES) return undefined;
    this.prepare();
    if (!this.ready) return undefined;
    const newline = body.indexOf(0x0a, firstRecord + Math.floor((body.length - firstRecord) * this.share));
    if (newline === -1 || newline + 1 >= body.length) return undefined;
    const from = newline + 1;
    const length = body.length - from;
    let memory = this.spare;
    this.spare = undefined;
    // An eighth more than asked, so that the next chunk's part, often a little larger, fits.
    if (memory === undefined || memory.byteLength < length) memory = new ArrayBuffer(length + (length >> 3));
    body.copy(Buffer.from(memory, 0, length), 0, from);
    const seq = ++this.seq;
    // The caller has written the reply of the chunk before: the last answer's cells are free.
    const cellsMemory = this.spareCells;
    this.spareCells = undefined;
    const job: ScoringJob = { seq, memory, length, from, header, options, cellsMemory };
    (this.port as MessagePort).postMessage(job, cellsMemory ? [memory, cellsMemory] : [memory]);
    const submittedAt = now();
    let answer: HelperRecords | null | undefined;
    return {
      from,
      wait: () => {
        if (answer === undefined) {
          const callerDoneAt = now();
          const finishedAt = { at: 0 };
          answer = this.await(seq, finishedAt);
          if (answer) this.adapt(from - firstRecord, callerDoneAt - submittedAt, length, finishedAt.at - submittedAt);
        }
        return answer;
      },
    };
  }

  /** True once {@link prepare} created the thread. */
  get started(): boolean {
    return this.worker !== undefined;
  }

  /** True once the helper answered that it is loaded and until it is given up. */
  get ready(): boolean {
    return !this.broken && Atomics.load(this.signal, SIGNAL.ready) === 1;
  }

  /** Ends the helper thread (the process exits without it too: it is unref'd). */
  stop(): void {
    this.broken = true;
    void this.worker?.terminate();
  }

  /**
   * Sets the next chunk's share from this one's speeds (bytes per nanosecond of wall time since the
   * job was handed over), so that both threads tend to finish together: a helper slowed down by a
   * busy machine gets less, and the caller does not sit waiting for it (halfway to the new value).
   */
  private adapt(callerBytes: number, callerNs: number, helperBytes: number, helperNs: number): void {
    if (callerNs <= 0 || helperNs <= 0 || callerBytes <= 0) return;
    const callerSpeed = callerBytes / callerNs;
    const helperSpeed = helperBytes / helperNs;
    const target = callerSpeed / (callerSpeed + helperSpeed);
    this.share = Math.min(MAX_CALLER_SHARE, Math.max(MIN_CALLER_SHARE, (this.share + target) / 2));
  }

  private await(seq: number, finished: { at: number }): HelperRecords | null {
    let beat = Atomics.load(this.signal, SIGNAL.beat);
    for (;;) {
      const done = Atomics.load(this.signal, SIGNAL.done);
      if (done >= seq) break;
      if (this.broken) return null;
      if (Atomics.wait(this.signal, SIGNAL.done, done, this.stallMs) === 'timed-out') {
        const now = Atomics.load(this.signal, SIGNAL.beat);
        if (now === beat) {
          this.giveUp(`scoring helper thread made no progress for ${this.stallMs / 1000} s`);
          return null;
        }
        beat = now;
      }
    }
    for (;;) {
      const received = receiveMessageOnPort(this.port as MessagePort);
      if (received === undefined) {
        this.giveUp('scoring helper thread signalled an answer it did not send');
        return null;
      }
      const answer = received.message as ScoringAnswer;
      if (answer.seq !== seq) continue; // an answer to a job given up before
      this.spare = answer.memory;
      finished.at = answer.finishedAt;
      if (answer.records) {
        this.answered++;
        this.spareCells = answer.records.cells.buffer as ArrayBuffer;
      }
      if (answer.error) this.giveUp(`scoring helper thread failed: ${answer.error}`);
      return answer.records;
    }
  }

  private giveUp(reason: string): void {
    if (this.broken) return;
    this.broken = true;
    this.log(`${reason}; scoring on one thread from now on`);
    void this.worker?.terminate();
  }
}

/** Nanoseconds on the process-wide monotonic clock (the same in every thread). */
function now(): number {
  return Number(process.hrtime.bigint());
}
