import { stat } from 'fs/promises';
import * as path from 'path';
import { DEFAULT_OPTIONS } from '../command/options';
import { seedWhere } from '../detection/seedRule';
import { expandInputs, readEvents } from '../readers/readEvents';
import { Sniffed, sniffFile } from '../readers/sniff';
import { InputError, SourceEvent } from '../readers/sourceEvent';
import { createProgress, ReadProgress } from './progress';
import { FieldSet, OutputFormat, SCORE_RECORD_FIELDS, SEED_TABLE_FIELDS } from './records';
import { csvWriter, RowWriter, tableWriter, typedJsonLinesWriter } from './rowWriters';
import { ScoredEvent, scoreThroughCommand } from './scoreThroughCommand';
import { scoreViewColumns, seedTableColumns } from './scoreView';
import { ScoreSummary } from './summary';
import { outputTarget, palette } from './terminal';

/** Options of `idetunnel score` (values already checked by the argument parser). */
export interface ScoreCommandOptions {
  /** Every row, in file order, streamed (unless `sort`). */
  all: boolean;
  /** With `all`: sort as the default view does (holds every row in memory). */
  sort: boolean;
  format: OutputFormat;
  /** score: the score view (rows scoring at least `minScore`); seed: the seed rule's table (rows its search keeps). */
  fields: FieldSet;
  /** Lowest score shown in the score view (default: the threshold). */
  minScore?: number;
  /** `explain=` passed to the command. */
  explain?: string;
  /** `threshold=` passed to the command (0-100). */
  threshold?: number;
  command: string;
  chunkRows: number;
  quiet: boolean;
}

/** Where the bundled command sits relative to this CLI bundle (dist/cli -> bin). */
export function defaultCommandPath(): string {
  return path.resolve(__dirname, '..', '..', 'bin', 'idetunnelscore.js');
}

async function* allEvents(files: readonly { file: string; sniffed: Sniffed }[], progress: ReadProgress): AsyncGenerator<SourceEvent> {
  for (const { file, sniffed } of files) {
    for await (const event of readEvents(file, sniffed, { onBytes: (bytes) => progress.bytes(bytes) })) {
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

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    throw new InputError(file, 0, `cannot open: ${(error as Error).message}`);
  }
}

/**
 * The seed's base search keeps Sysmon EventCode 1 only (events without an EventCode, such as a CSV
 * export of process events, are kept), then its `where` keeps rows where a seed flag is set.
 */
function keptBySeed(event: ScoredEvent): boolean {
  const f = event.fields;
  if (f.EventCode !== undefined && f.EventCode !== '1') return false;
  return seedWhere({
    IsTunnelCommand: Number(f.IsTunnelCommand), IsCodeCLI: Number(f.IsCodeCLI), IsJetBrains: Number(f.IsJetBrains),
    HasGitHubAuth: 0, IsHeadless: 0, RiskScore: 0,
  });
}

const time = (e: ScoredEvent) => Number(e.fields._time ?? 0);

/** The score view's order: highest score first, then earliest first (how the activity began). */
function byScoreThenTime(a: ScoredEvent, b: ScoredEvent): number {
  return Number(b.fields.ide_tunnel_score ?? 0) - Number(a.fields.ide_tunnel_score ?? 0) || time(a) - time(b);
}

/** The seed's order (`sort - _time`): newest first. */
function newestFirst(a: ScoredEvent, b: ScoredEvent): number {
  return time(b) - time(a);
}

/**
 * The command's WARN about events with none of the fields it reads speaks to a Splunk search (add-on,
 * `raw=true`); for files, say what is wrong with the files.
 */
export function adviceForFiles(text: string): string {
  if (!/none of the fields it reads/.test(text)) return text;
  return (
    'none of these events has a field the detection reads (Image, CommandLine, ParentImage, TaskName, ...): ' +
    'check that the files hold Sysmon or Windows Security events with their EventData fields'
  );
}

function writerFor(options: ScoreCommandOptions, write: (text: string) => void): RowWriter<ScoredEvent> {
  const score = options.fields === 'score';
  const fields = score ? SCORE_RECORD_FIELDS : SEED_TABLE_FIELDS;
  if (options.format === 'json') return typedJsonLinesWriter(fields, write);
  const byFields = <T>(inner: RowWriter<T>, pick: (e: ScoredEvent) => T): RowWriter<ScoredEvent> => ({
    rows: (events) => inner.rows(events.map(pick)),
    end: () => inner.end(),
  });
  if (options.format === 'csv') return byFields(csvWriter(fields, write), (e) => e.fields);
  const target = outputTarget(process.stdout);
  const colours = palette(target);
  const columns = score ? scoreViewColumns(colours) : seedTableColumns();
  return byFields(tableWriter(columns, target.width, write, colours.bold), (e) => e.fields);
}

/**
 * Whether `idetunnel score` draws its progress bar: only on a terminal stderr, not with `--quiet`,
 * and never while rows stream to the same terminal (a bar redrawn between rows would overwrite them).
 */
export function wantsProgressBar(w: { stderrIsTerminal: boolean; stdoutIsTerminal: boolean; streaming: boolean; quiet: boolean }): boolean {
  return w.stderrIsTerminal && !w.quiet && !(w.streaming && w.stdoutIsTerminal);
}

/**
 * `idetunnel score PATH...`: reads the files (folders: the event files below them; every file's
 * first bytes are checked before any is scored), scores every event through the bundled command over
 * the chunked protocol, and prints the score view: rows scoring at least `minScore` (default the
 * threshold), highest score first, then earliest. `fields: 'seed'` prints the seed rule's table for
 * the rows its search keeps, newest first; `all` prints every row in file order, streaming (`sort`
 * sorts them as above). A closing summary goes to stderr, and a progress bar when stderr is a
 * terminal and rows are not streamed to it. Memory holds one chunk of events plus the rows shown
 * (`all` without `sort`: one chunk).
 *
 * @returns the number of rows written
 * @throws InputError before any output for a path that is missing, unreadable or not an event file;
 *   later for a bad event (file and line)
 */
export async function runScore(paths: readonly string[], options: ScoreCommandOptions): Promise<number> {
  const started = process.hrtime.bigint();
  const files = [];
  let totalBytes = 0;
  for (const file of await expandInputs(paths)) {
    files.push({ file, sniffed: await sniffFile(file) });
    totalBytes += await fileSize(file);
  }
  const streaming = options.all && !options.sort;
  const stdout = outputTarget(process.stdout);
  const stderr = outputTarget(process.stderr);
  const drawBar = wantsProgressBar({ stderrIsTerminal: stderr.isTerminal, stdoutIsTerminal: stdout.isTerminal, streaming, quiet: options.quiet });
  const progress = createProgress(totalBytes, drawBar, stderr.width);
  const writer = writerFor(options, (text) => process.stdout.write(text));
  const threshold = options.threshold ?? DEFAULT_OPTIONS.threshold;
  const minScore = options.minScore ?? threshold;
  const score = options.fields === 'score';
  const keep = options.all ? () => true : score ? (e: ScoredEvent) => Number(e.fields.ide_tunnel_score) >= minScore : keptBySeed;
  const args = options.threshold !== undefined ? [`threshold=${options.threshold}`] : [];
  if (options.explain !== undefined) args.push(`explain=${options.explain}`);
  const summary = new ScoreSummary();
  const collected: ScoredEvent[] = [];
  const batches = scoreThroughCommand(allEvents(files, progress), {
    commandPath: options.command,
    args,
    chunkRows: options.chunkRows,
    onMessage: (level, text) => {
      progress.stop();
      console.error(`${level === 'WARN' ? 'warning' : level.toLowerCase()}: ${adviceForFiles(text)}`);
    },
  });
  for await (const batch of batches) {
    const rows: ScoredEvent[] = [];
    for (const event of batch) {
      summary.add(event.fields);
      if (keep(event)) rows.push(event);
    }
    summary.shown += rows.length;
    if (streaming) {
      writer.rows(rows);
      await stdoutDrained();
    } else {
      for (const row of rows) collected.push(row);
    }
  }
  progress.stop();
  if (!streaming) {
    collected.sort(score ? byScoreThenTime : newestFirst);
    writer.rows(collected);
  }
  writer.end();
  if (!options.quiet) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const lines = summary.lines({ files: files.length, seconds, threshold, minScore: options.all ? 0 : score ? minScore : null, width: stderr.width, colours: palette(stderr) });
    process.stderr.write('\n' + lines.join('\n') + '\n');
  }
  return summary.shown;
}
