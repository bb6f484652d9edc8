import { stat } from 'fs/promises';
import * as path from 'path';
import { seedWhere } from '../detection/seedRule';
import { expandInputs, readEvents } from '../readers/readEvents';
import type { SourceEvent } from '../readers/sourceEvent';
import { FieldSet, OutputFormat, RowWriter, SCORE_TABLE_FIELDS, SEED_TABLE_FIELDS } from './formatRows';
import { createProgress, ReadProgress } from './progress';
import { ScoredEvent, scoreThroughCommand } from './scoreThroughCommand';

/** Options of `idetunnel score`. */
export interface ScoreCommandOptions {
  all: boolean;
  sort: boolean;
  format: OutputFormat;
  /** seed: the seed rule's table, rows where its `where` holds; score: the score fields, rows that alert. */
  fields: FieldSet;
  /** `explain=` passed to the command (score view). */
  explain?: string;
  threshold?: string;
  command: string;
  chunkRows: number;
  quiet: boolean;
}

/** Where the bundled command sits relative to this CLI bundle (dist/cli -> bin). */
export function defaultCommandPath(): string {
  return path.resolve(__dirname, '..', '..', 'bin', 'idetunnelscore.js');
}

async function* allEvents(files: readonly string[], counter: { read: number }, progress: ReadProgress): AsyncGenerator<SourceEvent> {
  for (const file of files) {
    for await (const event of readEvents(file, undefined, { onBytes: (bytes) => progress.bytes(bytes) })) {
      counter.read++;
      progress.event();
      yield event;
    }
  }
}

/** Waits until stdout has taken what was written (so a slow reader cannot make output pile up in memory). */
function stdoutDrained(): Promise<void> {
  if (!process.stdout.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

async function totalSize(files: readonly string[]): Promise<number> {
  let total = 0;
  for (const file of files) total += (await stat(file)).size;
  return total;
}

/**
 * The seed's base search keeps Sysmon EventCode 1 only (events without an EventCode, such as a CSV
 * export of process events, are kept), then its `where` keeps rows where a seed flag is set.
 */
function keepSeed(event: ScoredEvent): boolean {
  const f = event.fields;
  if (f.EventCode !== undefined && f.EventCode !== '1') return false;
  return seedWhere({
    IsTunnelCommand: Number(f.IsTunnelCommand), IsCodeCLI: Number(f.IsCodeCLI), IsJetBrains: Number(f.IsJetBrains),
    HasGitHubAuth: 0, IsHeadless: 0, RiskScore: 0,
  });
}

function keepAlert(event: ScoredEvent): boolean {
  return event.fields.ide_tunnel_alert === '1';
}

function newestFirst(a: ScoredEvent, b: ScoredEvent): number {
  return Number(b.fields._time ?? 0) - Number(a.fields._time ?? 0);
}

/**
 * `idetunnel score PATH...`: reads the files (folders: the event files below them), scores every
 * event through the bundled command over the chunked protocol, and prints the seed rule's table
 * (or, with `fields: 'score'`, the score fields). By default only rows where the seed's search
 * keeps them (score view: rows that alert), newest first (as the seed's `sort - _time`); `all`
 * prints every row in file order, streaming; `sort` orders newest first. The summary goes to
 * stderr, and a progress bar (bytes read of the input files) when stderr is a terminal. Memory
 * holds one chunk of events (plus, without `all`, the matching rows, which are sorted at the end).
 *
 * @returns the number of rows written
 */
export async function runScore(paths: readonly string[], options: ScoreCommandOptions): Promise<number> {
  const files = await expandInputs(paths);
  const started = process.hrtime.bigint();
  const counter = { read: 0 };
  const score = options.fields === 'score';
  const progress = createProgress(await totalSize(files), process.stderr.isTTY === true && !options.quiet);
  const writer = new RowWriter(options.format, score ? SCORE_TABLE_FIELDS : SEED_TABLE_FIELDS, (text) => process.stdout.write(text));
  const keep = score ? keepAlert : keepSeed;
  const args = options.threshold !== undefined ? [`threshold=${options.threshold}`] : [];
  if (options.explain !== undefined) args.push(`explain=${options.explain}`);
  const collected: ScoredEvent[] = [];
  let written = 0;
  const batches = scoreThroughCommand(allEvents(files, counter, progress), {
    commandPath: options.command,
    args,
    chunkRows: options.chunkRows,
    onMessage: (level, text) => {
      progress.stop();
      console.error(`${level}: ${text}`);
    },
  });
  const streaming = options.all && !options.sort;
  for await (const batch of batches) {
    const rows = options.all ? batch : batch.filter(keep);
    if (streaming) {
      writer.rows(rows.map((r) => r.fields));
      written += rows.length;
      await stdoutDrained();
    } else {
      collected.push(...rows);
    }
  }
  progress.stop();
  if (!streaming) {
    collected.sort(newestFirst);
    writer.rows(collected.map((r) => r.fields));
    written = collected.length;
  }
  writer.end();
  if (!options.quiet) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.error(`\n${counter.read} events read from ${files.length} file(s), ${written} rows out, ${seconds.toFixed(2)} s`);
  }
  return written;
}
