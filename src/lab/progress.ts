import { Presets, SingleBar } from 'cli-progress';

/** A count-up progress display. */
export interface Progress {
  start(total: number): void;
  advance(by: number): void;
  stop(): void;
}

const SILENT: Progress = { start: () => undefined, advance: () => undefined, stop: () => undefined };

/**
 * A cli-progress bar on stderr when stderr is a terminal and `enabled`; otherwise a silent one
 * (pipes and CI logs get the summary only). Never writes to stdout.
 */
export function progressBar(enabled: boolean, label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return SILENT;
  const bar = new SingleBar(
    { stream, format: `${label} [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left`, hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  let value = 0;
  return {
    start: (total) => bar.start(total, 0),
    advance: (by) => {
      value += by;
      bar.update(value);
    },
    stop: () => bar.stop(),
  };
}
