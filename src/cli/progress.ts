import { Presets, SingleBar } from 'cli-progress';

/** Progress of `idetunnel score` over its input files. */
export interface ReadProgress {
  /** Adds bytes read from the input files. */
  bytes(count: number): void;
  /** Counts one event read. */
  event(): void;
  /** Removes the bar for good (before a message or the summary line); later calls change nothing. */
  stop(): void;
}

const SILENT: ReadProgress = { bytes: () => undefined, event: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr (cli-progress), by bytes read of the input files, with the event count;
 * only when stderr is a terminal (`enabled`), otherwise a no-op so pipes and logs stay clean.
 *
 * @param totalBytes the input files' sizes added up
 */
export function createProgress(totalBytes: number, enabled: boolean): ReadProgress {
  if (!enabled || totalBytes <= 0) return SILENT;
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'scoring [{bar}] {percentage}% | {megabytes} of {totalMegabytes} MB | {events} events | {eta_formatted} left',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  let done = 0;
  let events = 0;
  let stopped = false;
  const megabytes = (bytes: number): string => (bytes / 1e6).toFixed(1);
  bar.start(totalBytes, 0, { megabytes: megabytes(0), totalMegabytes: megabytes(totalBytes), events: 0 });
  return {
    bytes(count) {
      done += count;
      if (!stopped) bar.update(done, { megabytes: megabytes(done), events });
    },
    event() {
      events++;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.update(done, { megabytes: megabytes(done), events });
      bar.stop();
    },
  };
}
