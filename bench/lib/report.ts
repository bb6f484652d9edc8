/** One measured implementation on one transcript (medians over the runs; RSS is the largest seen). */
export interface Measurement {
  /** `ours` = the command as shipped (one thread); `ours-2t` = the same with `--threads=2` (a helper thread). */
  impl: 'ours' | 'ours-2t' | 'splunklib' | 'floor';
  seconds: number;
  rowsPerSecond: number;
  /** Transcript bytes (CSV bodies) per second, in MB (10^6 bytes). */
  mbPerSecond: number;
  peakRssMb: number;
  runs: number[];
}

/** One transcript's results. */
export interface CaseResult {
  shape: string;
  rows: number;
  transcriptMb: number;
  largestChunkMb: number;
  results: Measurement[];
  /** ours / splunklib and ours / floor, in rows per second. */
  oursVsSplunklib: number | null;
  oursVsFloor: number | null;
  /** ours-2t / floor (null when not measured). */
  twoThreadsVsFloor: number | null;
  flaggedRows: number;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

/** Formats the results as a fixed-width table (one line per shape, size and implementation). */
export function formatTable(cases: readonly CaseResult[]): string {
  const head = ['shape', 'rows', 'impl', 'median s', 'rows/s', 'MB/s', 'peak RSS MB', 'ours/splunklib', 'ours/floor'];
  const widths = [7, 9, 10, 9, 11, 8, 12, 15, 11];
  const lines = [head.map((h, i) => pad(h, widths[i])).join(' '), widths.map((w) => '-'.repeat(w)).join(' ')];
  for (const c of cases) {
    const sdk = c.results.find((m) => m.impl === 'splunklib');
    const floor = c.results.find((m) => m.impl === 'floor');
    for (const m of c.results) {
      const mine = m.impl === 'ours' || m.impl === 'ours-2t';
      const ratios = mine ? [sdk, floor].map((other) => (other ? (m.rowsPerSecond / other.rowsPerSecond).toFixed(2) : '-')) : ['', ''];
      const cells = [c.shape, String(c.rows), m.impl, m.seconds.toFixed(2), Math.round(m.rowsPerSecond).toLocaleString('en-US'),
        m.mbPerSecond.toFixed(1), m.peakRssMb.toFixed(0), ...ratios];
      lines.push(cells.map((cell, i) => pad(cell, widths[i])).join(' '));
    }
  }
  return lines.join('\n');
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
