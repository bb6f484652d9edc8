import { Presets, SingleBar } from 'cli-progress';

/** Progress of `idetunnel score` over its input files. */
export interface ReadProgress {
  /** Adds bytes read from the input files. */
  bytes(count: number): void;
  /** Counts one event read. */
  event(): void;
  /** Removes the bar for good (before a message or any output); later calls change nothing. */
  stop(): void;
}

const SILENT: ReadProgress = { bytes: () => undefined, event: () => undefined, stop: () => undefined };

/** Characters of the bar's line other than the bar itself (label, percentage, megabytes, events, time left). */
const TEXT_AROUND_BAR = 64;

/**
 * A progress bar on stderr (cli-progress), by bytes read of the input files, with the event count;
 * only when `enabled` (the CLI enables it when stderr is a terminal and no rows are streamed to
 * that terminal while it runs), otherwise a no-op. The line fits `width` (the bar takes what the text
 * leaves, 10-40 characters) and line wrapping is left on (cli-progress's `linewrap: true` cuts the
 * line to the terminal instead of turning wrapping off).
 *
 * @param totalBytes the input files' sizes added up
 * @param width the terminal's width in characters
 * @param stream where the bar is drawn (stderr)
 */
export function createProgress(totalBytes: number, enabled: boolean, width: number, stream: NodeJS.WritableStream = process.stderr): ReadProgress {
  if (!enabled || totalBytes <= 0) return SILENT;
  const bar = new SingleBar(
    {
      stream,
      format: 'scoring [{bar}] {percentage}% {megabytes}/{totalMegabytes} MB {events} events {eta_formatted} left',
      barsize: Math.max(10, Math.min(40, width - TEXT_AROUND_BAR)),
      hideCursor: true,
      clearOnComplete: true,
      linewrap: true,
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
