// `idetunnel score` per input format: events/s and peak RSS at 1x and 10x the events.
//
// The events are the 3,241 real Sysmon events of ../shared/data/evtx-attack-samples (its
// XmlWinEventLog rendering, every EventCode), read once with the product's readers, repeated R
// times (1x) and 10 R times (10x), and written in each format `idetunnel score` reads:
// XmlWinEventLog lines, a Windows XML export (`<Events>`, one event a line) in UTF-8 and in UTF-16 LE
// with a BOM (Windows PowerShell 5.1's `>`), JSON Lines, a one-line JSON array (`ConvertTo-Json
// -Compress`) and CSV (Splunk's export shape). Each file is scored with the default view
// (`idetunnel score -q FILE`, stdout to /dev/null), timed from spawn to exit, peak RSS from GNU time
// (`%M`: the largest of the CLI and the command process it starts, not their sum).
//
//   npm run build && node bench/build.mjs && node bench/.cache/cliFormats.cjs [--repeat R] [--runs N] [--baseline-cli FILE]
//
// --repeat R (default 3): 1x = 3,241 x R events. --runs N (default 1): median of N runs.
// --only TEXT: the formats whose name contains TEXT. --timeout S (default 300): a run still going
// after S seconds is stopped and reported as "> S s" (the quadratic JSON reader this replaced).
// --baseline-cli: also run another build of dist/cli/idetunnel.js (e.g. the commit before this
// benchmark) on the same files, with this checkout's command, for a before/after ratio in the same run.
import { spawn } from 'child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'fs';
import * as path from 'path';
import { encodeCsvCell } from '../src/protocol/csvBody';
import { readEvents } from '../src/readers/readEvents';

const SOURCE = path.resolve('..', 'shared', 'data', 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log');
const CACHE = path.join('bench', '.cache', 'cli-formats');
const CLI = path.resolve('dist', 'cli', 'idetunnel.js');
const COMMAND = path.resolve('bin', 'idetunnelscore.js');

interface Real {
  raw: string;
  fields: Record<string, string>;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

async function realEvents(): Promise<Real[]> {
  const out: Real[] = [];
  for await (const e of readEvents(SOURCE, { format: 'xml', encoding: 'utf-8' }, { keepRaw: true })) out.push({ raw: e.raw as string, fields: e.fields });
  return out;
}

/** Writes `pieces(i)` for i < n to `file` (through a .partial file; kept between runs). */
async function writeFile(file: string, n: number, piece: (i: number) => string, options: { head?: string; tail?: string; encoding?: BufferEncoding; bom?: boolean } = {}): Promise<void> {
  if (existsSync(file)) return;
  const out = createWriteStream(`${file}.partial`);
  const put = async (text: string) => {
    if (!out.write(Buffer.from(text, options.encoding ?? 'utf8'))) await new Promise((r) => out.once('drain', r));
  };
  if (options.bom) out.write(Buffer.from([0xff, 0xfe]));
  if (options.head) await put(options.head);
  let pending = '';
  for (let i = 0; i < n; i++) {
    pending += piece(i);
    if (pending.length > 1 << 20) {
      await put(pending);
      pending = '';
    }
  }
  await put(pending + (options.tail ?? ''));
  await new Promise((r) => out.end(r));
  renameSync(`${file}.partial`, file);
}

interface Format {
  name: string;
  file: string;
  write(file: string, n: number): Promise<void>;
}

function formats(events: Real[], columns: string[]): Format[] {
  const at = (i: number) => events[i % events.length];
  const xmlHead = '<?xml version="1.0" encoding="UTF-16"?>\r\n<Events>\r\n';
  return [
    { name: 'XmlWinEventLog lines', file: 'events.xmlwineventlog.log', write: (f, n) => writeFile(f, n, (i) => at(i).raw + '\n') },
    { name: 'Windows XML export, UTF-8', file: 'export-utf8.xml', write: (f, n) => writeFile(f, n, (i) => at(i).raw + '\r\n', { head: xmlHead.replace('UTF-16', 'UTF-8'), tail: '</Events>\r\n' }) },
    {
      name: 'Windows XML export, UTF-16 LE + BOM',
      file: 'export-utf16.xml',
      write: (f, n) => writeFile(f, n, (i) => at(i).raw + '\r\n', { head: xmlHead, tail: '</Events>\r\n', encoding: 'utf16le', bom: true }),
    },
    { name: 'JSON Lines', file: 'events.jsonl', write: (f, n) => writeFile(f, n, (i) => JSON.stringify(at(i).fields) + '\n') },
    { name: 'JSON array, one line', file: 'events-array.json', write: (f, n) => writeFile(f, n, (i) => (i > 0 ? ',' : '') + JSON.stringify(at(i).fields), { head: '[', tail: ']' }) },
    {
      name: 'CSV (Splunk export)',
      file: 'events.csv',
      write: (f, n) => writeFile(f, n, (i) => columns.map((c) => encodeCsvCell(at(i).fields[c] ?? '')).join(',') + '\n', { head: columns.map(encodeCsvCell).join(',') + '\n' }),
    },
  ];
}

interface Run {
  seconds: number;
  peakRssMb: number;
  status: number | null;
}

/** Runs the CLI under GNU time in its own process group, so that a run past the timeout is stopped whole (CLI and command). */
function runCli(cli: string, file: string, timeoutSeconds: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'score', '-q', '--command', COMMAND, file], {
      stdio: ['ignore', 'ignore', 'pipe'], detached: true,
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4096)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-(child.pid as number), 'SIGKILL');
    }, timeoutSeconds * 1000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (timedOut) return resolve({ seconds, peakRssMb: NaN, status: null });
      const kb = Number(stderr.trim().split('\n').pop());
      if (status !== 0) console.error(`bench: ${cli} ${file} exited ${status}: ${stderr.slice(-200).replace(/[^\x20-\x7e\n]/g, '?')}`);
      resolve({ seconds, peakRssMb: kb / 1024, status });
    });
  });
}

async function repeatRuns(n: number, run: () => Promise<Run>): Promise<Run[]> {
  const out: Run[] = [];
  for (let i = 0; i < n; i++) out.push(await run());
  return out;
}

function median(runs: Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return { ...sorted[Math.floor(sorted.length / 2)], peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}

async function main(): Promise<void> {
  if (!existsSync(SOURCE)) throw new Error(`${SOURCE} is absent: this benchmark reads the real data in ../shared/data`);
  if (!existsSync('/usr/bin/time')) throw new Error('GNU time (/usr/bin/time) is needed for the peak RSS: apt-get install time');
  const repeat = Number(option('--repeat', '3'));
  const runs = Number(option('--runs', '1'));
  const only = option('--only', '');
  const timeout = Number(option('--timeout', '300'));
  const baseline = process.argv.includes('--baseline-cli') ? path.resolve(option('--baseline-cli', '')) : null;
  const events = await realEvents();
  const columns = [...new Set(events.flatMap((e) => Object.keys(e.fields)))].sort();
  mkdirSync(CACHE, { recursive: true });
  const rows: string[] = [];
  const results: unknown[] = [];
  for (const format of formats(events, columns).filter((f) => f.name.includes(only))) {
    const perScale: Record<string, { events: number; mb: number; ours: Run; base?: Run }> = {};
    for (const scale of [1, 10]) {
      const n = events.length * repeat * scale;
      const file = path.join(CACHE, `${scale}x-${repeat}-${format.file}`);
      await format.write(file, n);
      const ours = median(await repeatRuns(runs, () => runCli(CLI, file, timeout)));
      const base = baseline ? median(await repeatRuns(runs, () => runCli(baseline, file, timeout))) : undefined;
      perScale[scale] = { events: n, mb: statSync(file).size / 1e6, ours, base };
      const rate = (r: Run) => (r.status === 0 ? `${Math.round(n / r.seconds).toLocaleString('en-US')}` : r.status === null ? `< ${Math.round(n / timeout)}` : `exit ${r.status}`);
      const secs = (r: Run) => (r.status === null ? `> ${timeout}` : r.seconds.toFixed(2));
      const cells = [format.name, `${scale}x`, n.toLocaleString('en-US'), perScale[scale].mb.toFixed(0), secs(ours), rate(ours), ours.peakRssMb.toFixed(0)];
      if (base) cells.push(secs(base), rate(base), Number.isNaN(base.peakRssMb) ? '-' : base.peakRssMb.toFixed(0), (base.status === null ? '> ' : '') + (base.seconds / ours.seconds).toFixed(1));
      rows.push(`| ${cells.join(' | ')} |`);
      console.error(rows[rows.length - 1]);
    }
    const growth = perScale[10].ours.seconds / perScale[1].ours.seconds;
    results.push({ format: format.name, perScale, timeGrowth10x: +growth.toFixed(2) });
  }
  const head = ['format', 'scale', 'events', 'MB', 's', 'events/s', 'peak RSS MB'];
  if (baseline) head.push('baseline s', 'baseline events/s', 'baseline peak RSS MB', 'baseline/ours time');
  console.log([`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows].join('\n'));
  for (const r of results as { format: string; timeGrowth10x: number }[]) console.log(`${r.format}: 10x the events took ${r.timeGrowth10x}x the time`);
  console.log(JSON.stringify({ cliFormats: results }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
