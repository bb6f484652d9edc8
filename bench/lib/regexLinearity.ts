import { spawnSync } from 'child_process';
import { encodeChunk } from '../../src/protocol/chunkWriter';
import { encodeCsvCell } from '../../src/protocol/csvBody';
import { median } from './report';

/** One adversarial case: how long the command takes on values of 1 MB and of 2 MB. */
export interface LinearityResult {
  name: string;
  smallBytes: number;
  largeBytes: number;
  smallSeconds: number;
  largeSeconds: number;
  /** (large - baseline) / (small - baseline): about 2 when time grows linearly with the value size. */
  ratio: number;
}

/**
 * Adversarial values for the patterns run on event data (issue 6: "every regular expression used on
 * event data runs in linear time on adversarial 1 MB inputs"): near-misses that make a backtracking
 * matcher retry at every position. `size` is the value length in characters.
 */
const CASES: { name: string; image: (size: number) => string; commandLine: (size: number) => string }[] = [
  { name: "'tunne' repeated (tunnel near-miss)", image: (n) => 'code-tunne'.repeat(n / 10), commandLine: (n) => 'tunne'.repeat(n / 5) },
  { name: "'--provider' + spaces, no github", image: (n) => 'jetbrains-gatewa'.repeat(n / 16), commandLine: (n) => '--provider' + ' '.repeat(n - 10) },
  { name: "'--provider ' repeated", image: (n) => 'remote-dev-serve'.repeat(n / 16), commandLine: (n) => '--provider '.repeat(Math.floor(n / 11)) },
  { name: 'quotes and backslashes', image: (n) => '\\"'.repeat(n / 2), commandLine: (n) => '"\\" \\\\"'.repeat(n / 8) },
  { name: "'--' and '-' runs (flag near-misses)", image: (n) => 'code-insider-'.repeat(n / 13), commandLine: (n) => '--no-browse --cl --accept-server-license-term serve-we '.repeat(n / 55) },
];

function transcript(rows: number, image: string, commandLine: string): Buffer {
  const getinfo = encodeChunk({ action: 'getinfo', searchinfo: { args: [], raw_args: [], command: 'idetunnelscore' } });
  const lines = ['Image,CommandLine,_chunked_idx'];
  for (let i = 0; i < rows; i++) lines.push(`${encodeCsvCell(image)},${encodeCsvCell(commandLine)},${i}`);
  return Buffer.concat([getinfo, encodeChunk({ action: 'execute', finished: true }, lines.join('\n') + '\n')]);
}

function timeCommand(command: string, input: Buffer, repeats: number): number {
  const seconds: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [command], { input, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 20 });
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    if (r.status !== 0) throw new Error(`command exited with ${r.status}: ${r.stderr.toString()}`);
  }
  return median(seconds);
}

/**
 * Times the bundled command on rows whose Image and CommandLine are adversarial 1 MB values, then
 * 2 MB values (quick: 256 KB and 512 KB), minus a run with the same rows holding short values
 * (process start-up and framing). Median of three runs each.
 *
 * @param command path of bin/idetunnelscore.js
 */
export function regexLinearity(command: string, _cacheDir: string, quick: boolean): LinearityResult[] {
  const size = quick ? 256 * 1024 : 1024 * 1024;
  const rows = quick ? 2 : 8;
  const repeats = 3;
  const baseline = timeCommand(command, transcript(rows, 'C:\\x.exe', 'x'), repeats);
  return CASES.map((c) => {
    const small = timeCommand(command, transcript(rows, c.image(size), c.commandLine(size)), repeats) - baseline;
    const large = timeCommand(command, transcript(rows, c.image(2 * size), c.commandLine(2 * size)), repeats) - baseline;
    return { name: c.name, smallBytes: size, largeBytes: 2 * size, smallSeconds: small, largeSeconds: large, ratio: large / Math.max(small, 1e-6) };
  });
}
