import { ReplyScratch } from './scoreCsvBytes';
import { scoreSecondPart } from './scoreSecondPart';
import { ScoringAnswer, ScoringJob, ScoringThreadData, SIGNAL } from './scoringThread';

/** True when this thread was started as the scoring helper of {@link ScoringThread}. */
export function isScoringThreadData(data: unknown): data is ScoringThreadData {
  return typeof data === 'object' && data !== null && 'idetunnelscoreHelper' in data;
}

/**
 * The helper thread's loop: for each job, scores the records of its copy of the body's part
 * (scoreSecondPart), posts the answer (its arrays and the job's memory transferred, not copied), then publishes the
 * job's number in the `done` slot and wakes the waiting thread. Marks itself ready once loaded.
 */
export function runScoringThread({ signal: memory, port }: ScoringThreadData['idetunnelscoreHelper']): void {
  const signal = new Int32Array(memory);
  const scratch = new ReplyScratch();
  const beat = (): void => void Atomics.add(signal, SIGNAL.beat, 1);
  port.on('message', (job: ScoringJob) => {
    let answer: ScoringAnswer;
    try {
      const part = Buffer.from(job.memory, 0, job.length);
      answer = { seq: job.seq, records: scoreSecondPart(part, job.from, job.header, job.options, scratch, beat, job.cellsMemory), memory: job.memory, finishedAt: 0 };
    } catch (error) {
      answer = { seq: job.seq, records: null, memory: job.memory, finishedAt: 0, error: error instanceof Error ? error.message : String(error) };
    }
    answer.finishedAt = Number(process.hrtime.bigint());
    const records = answer.records;
    const transfer = records ? [job.memory, records.starts.buffer, records.ends.buffer, records.cellEnds.buffer, records.cells.buffer] : [job.memory];
    port.postMessage(answer, transfer as ArrayBuffer[]);
    Atomics.store(signal, SIGNAL.done, job.seq);
    Atomics.notify(signal, SIGNAL.done);
  });
  Atomics.store(signal, SIGNAL.ready, 1);
}
