import { readEvents } from '../readers/readEvents';
import { sniffFile } from '../readers/sniff';
import { corpusSourceEvent, isCorpusFile, readCorpusCases } from './corpusCases';
import type { SourceEvent } from '../readers/sourceEvent';
import { eventTime, MetadataOverrides, toHecEvent } from './hecEvent';
import { HecAbortedError, HecSender, HecSummary } from './hecSender';
import { progressBar } from './progress';
import { hecToken } from './secrets';
import { LabSafetyError, labIndexProblem } from './splunkNames';
import { checkServerUrl, tlsOptions } from './tls';

/** Options of `idetunnel replay` (times in ms, sizes in bytes). */
export interface ReplayOptions extends MetadataOverrides {
  /** HEC base URL, e.g. `https://splunk:8088`. */
  hecUrl: string;
  /** One-line file holding the HEC token; default the `SPLUNK_HEC_TOKEN` environment variable. */
  tokenFile?: string;
  /** Send original event times instead of re-basing the newest to now. */
  keepTime: boolean;
  /** splunk-logging maxBatchCount / maxBatchSize (bytes) / batchInterval (ms); see HecSenderOptions in hecSender.ts. */
  batchCount: number;
  batchBytes: number;
  batchInterval: number;
  /** Retries per batch on transport errors and 503 / code 9, first back-off `retryDelay` ms. */
  retries: number;
  retryDelay: number;
  /** Batches awaiting a reply before reading pauses. */
  maxInFlight: number;
  /** Connect/response timeout of one POST, ms. */
  timeout: number;
  caFile?: string;
  insecure: boolean;
  /** Accept an `http://` hecUrl (the token then crosses the network in clear); off by default. */
  allowHttp?: boolean;
  /** Draw a progress bar (only when stderr is a terminal). */
  progress: boolean;
}

/** Result of a replay: HEC totals plus the `_time` range the sent events carry (epoch seconds). */
export interface ReplayResult extends HecSummary {
  read: number;
  earliest?: number;
  latest?: number;
}

/** Where the replay writes its report; stderr in the CLI. */
export type Reporter = (line: string) => void;

/** The events of the files: corpus JSON Lines as rendered cases ({@link corpusSourceEvent}), anything else through readEvents. */
async function* allEvents(files: readonly string[]): AsyncGenerator<SourceEvent> {
  for (const file of files) {
    const sniffed = await sniffFile(file);
    if (sniffed.format === 'json' && (await isCorpusFile(file))) {
      for await (const c of readCorpusCases(file)) yield corpusSourceEvent(c, file);
    } else {
      yield* readEvents(file, sniffed, { keepRaw: true });
    }
  }
}

/**
 * `idetunnel replay FILE...`: reads the files (the formats `idetunnel score` reads, and the labelled
 * corpus's JSON Lines, test/corpus/README.md) and sends every
 * event to HEC (see {@link toHecEvent} for the sourcetype/source mapping). Unless `keepTime`, event
 * times are re-based so the newest event of all files lands at now (a first pass finds it); events
 * without a time get now. Secrets come from the environment or `tokenFile` only.
 *
 * @param env where `SPLUNK_HEC_TOKEN` is read
 * @param now the clock (epoch seconds), injectable for tests
 * @returns totals; the caller turns `failed > 0` into a non-zero exit status
 * @throws SecretError / TlsSetupError (also for an http:// URL without `allowHttp`) / LabSafetyError
 *   (an `index` that is main or not an index name) before anything is read; InputError on a bad file
 */
export async function runReplay(
  files: readonly string[],
  options: ReplayOptions,
  report: Reporter,
  env: NodeJS.ProcessEnv = process.env,
  now: () => number = () => Date.now() / 1000,
): Promise<ReplayResult> {
  const token = hecToken(env, options.tokenFile);
  checkServerUrl(options.hecUrl, '--hec-url', options.allowHttp, (text) => report(`warning: ${text}`));
  const tls = tlsOptions({ caFile: options.caFile, insecure: options.insecure }, (text) => report(`warning: ${text}`));
  if (options.index !== undefined) {
    const problem = labIndexProblem(options.index, '--index');
    if (problem) throw new LabSafetyError(problem);
  }

  let total = 0;
  let newest: number | undefined;
  for await (const event of allEvents(files)) {
    total++;
    const t = eventTime(event);
    if (t !== undefined && (newest === undefined || t > newest)) newest = t;
  }
  const start = now();
  const shift = options.keepTime || newest === undefined ? 0 : start - newest;
  const fallbackTime = options.keepTime ? undefined : Math.round(start * 1000) / 1000;

  const bar = progressBar(options.progress, 'replay');
  const sender = new HecSender({
    url: options.hecUrl,
    token,
    tls,
    maxBatchCount: options.batchCount,
    maxBatchSize: options.batchBytes,
    batchInterval: options.batchInterval,
    maxRetries: options.retries,
    retryDelayMs: options.retryDelay,
    maxRetryDelayMs: 30_000,
    maxInFlight: options.maxInFlight,
    timeoutMs: options.timeout,
    onBatch: (outcome) => bar.advance(outcome.events),
  });

  bar.start(total);
  let handed = 0;
  let earliest: number | undefined;
  let latest: number | undefined;
  let summary: HecSummary;
  try {
    for await (const event of allEvents(files)) {
      const hec = toHecEvent(event, shift, fallbackTime, options);
      try {
        await sender.send(hec);
      } catch (error) {
        if (error instanceof HecAbortedError) break;
        throw error;
      }
      handed++;
      if (hec.time !== undefined) {
        if (earliest === undefined || hec.time < earliest) earliest = hec.time;
        if (latest === undefined || hec.time > latest) latest = hec.time;
      }
    }
  } finally {
    summary = await sender.close();
    bar.stop();
  }
  if (handed < total) {
    const reason = `not sent: ${summary.aborted ?? 'stopped'}`;
    summary.failed += total - handed;
    summary.reasons.set(reason, (summary.reasons.get(reason) ?? 0) + total - handed);
  }
  const result: ReplayResult = { ...summary, read: total, earliest, latest };
  reportSummary(result, options, report);
  return result;
}

/** Prints the summary: totals, HEC's reasons with event counts, and the window for `idetunnel validate`. */
function reportSummary(result: ReplayResult, options: ReplayOptions, report: Reporter): void {
  report(`replay: ${result.read} events read, ${result.sent} sent, ${result.failed} failed (${result.batches} batches, ${result.retries} retries)`);
  for (const [reason, events] of result.reasons) report(`  failed ${events}: ${reason}`);
  if (result.sent > 0 && result.earliest !== undefined && result.latest !== undefined) {
    const earliest = Math.floor(result.earliest);
    const latest = Math.floor(result.latest) + 1;
    report(
      `replayed window (_time${options.keepTime ? ', original times' : ', re-based to now'}): ` +
        `${new Date(earliest * 1000).toISOString()} .. ${new Date(latest * 1000).toISOString()}`,
    );
    report(`  idetunnel validate --earliest ${earliest} --latest ${latest}${options.index ? ` --index ${options.index}` : ''}`);
  }
}
