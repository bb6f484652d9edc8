// `npm run bench`: the idetunnelscore benchmark of issue 5. See BENCHMARKS.md for how to read it.
// Usage: npm run bench -- [--quick] [--runs N] [--only narrow,wide,raw] [--skip-python]
import { execFileSync } from 'child_process';
import { existsSync, rmSync } from 'fs';
import * as path from 'path';
import { CommandClient } from '../src/protocol/client';
import { checkOutput, OutputCheck } from './lib/verifyOutput';
import { ensurePythonEnv } from './lib/pythonEnv';
import { CaseResult, formatTable, Measurement, median } from './lib/report';
import { GNU_TIME, runOnce } from './lib/runProcess';
import { loadSysmonEid1 } from './lib/sysmonEvents';
import { buildTranscript, Shape } from './lib/transcripts';
import { regexLinearity } from './lib/regexLinearity';

const REPO = path.resolve(__dirname, '..', '..');
const CACHE = path.join(REPO, 'bench', '.cache');
const DATA = path.resolve(REPO, '..', 'shared', 'data');
const COMMAND = path.join(REPO, 'bin', 'idetunnelscore.js');
const FLOOR = path.join(REPO, 'bench', 'floor.mjs');
const PYTHON_COMMAND = path.join(REPO, 'bench', 'python', 'seed_command.py');

const FULL_SIZES: Record<Shape, number[]> = { narrow: [100_000, 1_000_000], wide: [50_000, 200_000], raw: [50_000, 200_000] };
const QUICK_SIZES: Record<Shape, number[]> = { narrow: [20_000], wide: [5_000], raw: [5_000] };

interface Args {
  quick: boolean;
  runs: number;
  only: Shape[];
  skipPython: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { quick: false, runs: 3, only: ['narrow', 'wide', 'raw'], skipPython: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--skip-python') args.skipPython = true;
    else if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--only') args.only = argv[++i].split(',') as Shape[];
    else throw new Error(`unknown argument ${a} (valid: --quick, --runs N, --only narrow,wide,raw, --skip-python)`);
  }
  if (args.quick) args.runs = 1;
  if (!(args.runs >= 1)) throw new Error('--runs needs a whole number >= 1');
  return args;
}

async function requiredFields(): Promise<string[]> {
  const client = CommandClient.spawn(COMMAND);
  const info = await client.getinfo([]);
  await client.close();
  return (info.required_fields as string[]).map(String);
}

function ensureGnuTime(): void {
  if (GNU_TIME) return;
  try {
    execFileSync('apt-get', ['install', '-y', 'time'], { stdio: ['ignore', 2, 2] });
  } catch {
    console.error('bench: /usr/bin/time missing and could not be installed; peak RSS comes from /proc VmHWM polling');
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(DATA)) throw new Error(`the benchmark reads real Sysmon events from ${DATA}, which is absent`);
  if (!existsSync(COMMAND)) throw new Error(`${COMMAND} is missing: run npm run build first`);
  ensureGnuTime();
  const notes: string[] = [];
  let python: string | null = null;
  if (!args.skipPython) {
    const env = ensurePythonEnv(REPO);
    python = env.python;
    if (!python) {
      if (!args.quick) throw new Error(env.reason);
      notes.push(`splunklib skipped: ${env.reason}`);
    }
  } else {
    notes.push('splunklib skipped (--skip-python)');
  }
  const required = await requiredFields();
  const events = await loadSysmonEid1(DATA);
  console.log(`bench: ${events.length} real Sysmon EID 1 events; required_fields from getinfo: ${required.length} names; ${args.runs} run(s) each`);

  const impls: { name: Measurement['impl']; command: string; args: string[] }[] = [
    { name: 'ours', command: process.execPath, args: [COMMAND] },
    ...(python ? [{ name: 'splunklib' as const, command: python, args: [PYTHON_COMMAND] }] : []),
    { name: 'floor', command: process.execPath, args: [FLOOR] },
  ];
  const sizes = args.quick ? QUICK_SIZES : FULL_SIZES;
  const cases: CaseResult[] = [];
  for (const shape of args.only) {
    for (const rows of sizes[shape]) {
      const t = buildTranscript(shape, rows, events, required, CACHE);
      const times = new Map<string, number[]>();
      const rss = new Map<string, number>();
      const checks = new Map<string, OutputCheck>();
      // An untimed first run of each, its replies written to a file: every output is checked.
      for (const impl of impls) {
        const output = path.join(CACHE, `out-${impl.name}.chunks`);
        const r = await runOnce(impl.command, impl.args, t.file, output, path.join(CACHE, `time-${impl.name}.txt`));
        if (r.status !== 0) throw new Error(`${impl.name} exited with status ${r.status} on ${shape}/${rows}: ${r.stderr.trim()}`);
        checks.set(impl.name, await checkOutput(output, t.chunks, t.rows));
        rss.set(impl.name, r.peakRssBytes);
        rmSync(output, { force: true });
      }
      for (let run = 0; run < args.runs; run++) {
        // Alternate the order so that no implementation always runs first (warm page cache, CPU clocks).
        const order = impls.map((_, i) => impls[(i + run) % impls.length]);
        for (const impl of order) {
          // Timed: replies read from a pipe, as splunkd reads them (runOnce says why not a file).
          const r = await runOnce(impl.command, impl.args, t.file, null, path.join(CACHE, `time-${impl.name}.txt`));
          if (r.status !== 0) throw new Error(`${impl.name} exited with status ${r.status} on ${shape}/${rows}: ${r.stderr.trim()}`);
          times.set(impl.name, [...(times.get(impl.name) ?? []), r.seconds]);
          rss.set(impl.name, Math.max(rss.get(impl.name) ?? 0, r.peakRssBytes));
        }
      }
      const ours = checks.get('ours');
      const sdk = checks.get('splunklib');
      if (ours && sdk && ours.seedDigest !== sdk.seedDigest) throw new Error(`seed fields differ between ours and splunklib on ${shape}/${rows}`);
      const results: Measurement[] = impls.map(({ name }) => {
        const runs = times.get(name) as number[];
        const seconds = median(runs);
        return { impl: name, seconds, rowsPerSecond: t.rows / seconds, mbPerSecond: t.bodyBytes / seconds / 1e6, peakRssMb: (rss.get(name) ?? 0) / 1e6, runs };
      });
      const rate = (name: string): number | null => results.find((m) => m.impl === name)?.rowsPerSecond ?? null;
      const oursRate = rate('ours') as number;
      const sdkRate = rate('splunklib');
      cases.push({
        shape, rows, transcriptMb: t.bytes / 1e6, largestChunkMb: t.largestChunkBytes / 1e6, results,
        oursVsSplunklib: sdkRate ? oursRate / sdkRate : null, oursVsFloor: oursRate / (rate('floor') as number),
        twoThreadsVsFloor: rate('ours-2t') === null ? null : (rate('ours-2t') as number) / (rate('floor') as number),
        flaggedRows: ours?.flaggedRows ?? 0,
      });
      console.error(`bench: ${shape} ${rows} rows done`);
    }
  }
  const linearity = regexLinearity(COMMAND, CACHE, args.quick);
  const targets = evaluateTargets(cases);
  console.log('');
  console.log(formatTable(cases));
  console.log('');
  for (const c of cases) console.log(`${c.shape} ${c.rows}: transcript ${c.transcriptMb.toFixed(1)} MB, largest chunk ${c.largestChunkMb.toFixed(1)} MB, ${c.flaggedRows} rows with a seed flag`);
  for (const l of linearity) console.log(`regex linearity, ${l.name}: ${l.smallSeconds.toFixed(3)} s for ${l.smallBytes / 1e6} MB, ${l.largeSeconds.toFixed(3)} s for ${l.largeBytes / 1e6} MB, ratio ${l.ratio.toFixed(2)} (2 = linear)`);
  for (const t of targets) console.log(`target ${t.met ? 'MET    ' : 'NOT MET'} ${t.name}: ${t.detail}`);
  for (const note of notes) console.log(`note: ${note}`);
  console.log(JSON.stringify({ quick: args.quick, runs: args.runs, node: process.version, cases, regexLinearity: linearity, targets, notes }));
}

interface Target {
  name: string;
  met: boolean;
  detail: string;
}

/** The targets of issue 5, as ratios measured in this run. */
function evaluateTargets(cases: readonly CaseResult[]): Target[] {
  const targets: Target[] = [];
  for (const impl of ['ours'] as const) {
    const label = impl;
    const of = (c: CaseResult): Measurement | undefined => c.results.find((m) => m.impl === impl);
    const floorOf = (c: CaseResult): Measurement => c.results.find((m) => m.impl === 'floor') as Measurement;
    for (const c of cases) {
      const m = of(c);
      if (!m) continue;
      const need = c.shape === 'raw' ? 0.25 : 0.5;
      const ratio = m.rowsPerSecond / floorOf(c).rowsPerSecond;
      targets.push({ name: `${c.shape} ${c.rows}: ${label} >= ${need * 100}% of floor rows/s`, met: ratio >= need, detail: `${(ratio * 100).toFixed(0)}%` });
      const cap = 3 * c.largestChunkMb + 80;
      targets.push({ name: `${c.shape} ${c.rows}: ${label} peak RSS <= 3 x largest chunk + 80 MB`, met: m.peakRssMb <= cap, detail: `${m.peakRssMb.toFixed(0)} MB vs ${cap.toFixed(0)} MB` });
    }
    for (const shape of new Set(cases.map((c) => c.shape))) {
      const sized = cases.filter((c) => c.shape === shape && of(c)).sort((a, b) => a.rows - b.rows);
      if (sized.length < 2) continue;
      const small = sized[0];
      const large = sized[sized.length - 1];
      const ratio = (of(large) as Measurement).peakRssMb / (of(small) as Measurement).peakRssMb;
      targets.push({ name: `${shape}: ${label} memory flat (${large.rows} rows within 1.2x of ${small.rows} rows)`, met: ratio <= 1.2, detail: `${ratio.toFixed(2)}x` });
    }
  }
  return targets;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
