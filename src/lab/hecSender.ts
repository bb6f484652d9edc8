import { Logger, SendCallback } from 'splunk-logging';
import type { HecEvent } from './hecEvent';
import { isCertificateError, TlsOptions } from './tls';

/** Settings of {@link HecSender}. Times in milliseconds, sizes in bytes. */
export interface HecSenderOptions {
  /** HEC base URL, e.g. `https://splunk.example.com:8088` (path `/services/collector/event` is added). */
  url: string;
  /** HEC token; sent only in the `Authorization: Splunk <token>` header. */
  token: string;
  tls: TlsOptions;
  /** splunk-logging batching: flush after this many events (0 = no count limit). */
  maxBatchCount: number;
  /** splunk-logging batching: flush once the queued JSON exceeds this many bytes (0 = no size limit). */
  maxBatchSize: number;
  /** splunk-logging batching: also flush every this many ms (0 = no timer). */
  batchInterval: number;
  /** Retries of one batch after a transport error or HTTP 503 / HEC code 9 ("Server is busy"). */
  maxRetries: number;
  /** First back-off delay; doubles per retry, capped at `maxRetryDelayMs`, with jitter in [50%, 100%]. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** Batches posted but not yet answered before `send()` waits. */
  maxInFlight: number;
  /** needle's connect and response timeouts for one POST. */
  timeoutMs: number;
  /** Called once per batch when its fate is known (for the progress bar). */
  onBatch?(outcome: BatchOutcome): void;
}

/** What became of one batch: `sent + failed = events`. */
export interface BatchOutcome {
  events: number;
  sent: number;
  failed: number;
  /** POSTs made for it (1 + retries). */
  attempts: number;
  /** Why events failed: the HEC reply (`HTTP 400 code 6: Invalid data format`) or the transport error. */
  reason?: string;
}

/** Totals of a replay. `reasons` maps each failure reason to the number of events it cost. */
export interface HecSummary {
  sent: number;
  failed: number;
  batches: number;
  retries: number;
  reasons: Map<string, number>;
  /** Set when sending stopped early (token refused, certificate not trusted, unknown index). */
  aborted?: string;
}

/** Sending stopped: every further batch would fail the same way. */
export class HecAbortedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'HecAbortedError';
  }
}

/** HEC reply codes (Splunk docs, "Troubleshoot HTTP Event Collector", status codes table). */
const HEC_SERVER_BUSY = 9;
/** Codes after which no batch can succeed: 1 token disabled, 2 token required, 3 invalid authorization, 4 invalid token, 7 incorrect index. */
const HEC_FATAL_CODES = new Set([1, 2, 3, 4, 7]);

interface Attempt {
  error: (Error & { code?: string }) | null;
  status?: number;
  body?: { text?: string; code?: number; 'invalid-event-number'?: number };
}

type Verdict = { kind: 'ok' } | { kind: 'retry'; reason: string } | { kind: 'fail'; reason: string; fatal: boolean };

/**
 * Sends {@link HecEvent}s to HEC through splunk-logging's `Logger`, which queues events and decides
 * when to flush by `maxBatchCount` / `maxBatchSize` / `batchInterval`. What this class adds:
 * - TLS verification ON (splunk-logging defaults `strictSSL: false`, i.e. needle
 *   `rejectUnauthorized: false`); `ca` passed through to needle;
 * - per-batch outcomes: the logger's `flush` is wrapped so each batch is posted by
 *   `_sendEvents` with a callback we own (splunk-logging only reports through `error()` otherwise);
 * - retries with exponential back-off on transport errors and on HTTP 503 / code 9, which splunk-logging
 *   does not retry (its own `maxRetries` is set to 0 so there is one retry policy);
 * - back-pressure (`maxInFlight`), a summary with HEC's reasons, and an early stop on a refused token,
 *   an unknown index or an untrusted certificate.
 * splunk-logging's default error handler prints batches to stdout; it is replaced by a no-op.
 */
export class HecSender {
  private readonly logger: Logger;
  private readonly summary: HecSummary = { sent: 0, failed: 0, batches: 0, retries: 0, reasons: new Map() };
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: HecSenderOptions) {
    const base = withoutTrailingSlashes(options.url);
    this.logger = new Logger({
      token: options.token,
      url: `${base}/services/collector/event`,
      name: 'idetunnel-replay',
      maxRetries: 0,
      maxBatchCount: options.maxBatchCount,
      maxBatchSize: options.maxBatchSize,
      batchInterval: options.batchInterval,
    });
    const requestOptions = this.logger.requestOptions;
    requestOptions.strictSSL = options.tls.rejectUnauthorized;
    requestOptions.rejectUnauthorized = options.tls.rejectUnauthorized;
    if (options.tls.ca !== undefined) requestOptions.ca = options.tls.ca;
    requestOptions.open_timeout = options.timeoutMs;
    requestOptions.response_timeout = options.timeoutMs;
    this.logger.eventFormatter = (message) => message;
    this.logger.error = () => undefined;
    this.logger.flush = (callback?: SendCallback) => {
      const queue = this.logger.serializedContextQueue;
      this.logger.serializedContextQueue = [];
      this.logger.eventsBatchSize = 0;
      if (queue.length > 0) this.track(this.postBatch(queue.join(''), queue.length));
      callback?.(null, undefined, undefined);
    };
  }

  /**
   * Queues one event (splunk-logging may post a batch now); waits while `maxInFlight` batches are open.
   * @throws HecAbortedError once sending has stopped
   */
  async send(event: HecEvent): Promise<void> {
    while (this.pending.size >= this.options.maxInFlight && !this.summary.aborted) await Promise.race(this.pending);
    if (this.summary.aborted) throw new HecAbortedError(this.summary.aborted);
    const { event: message, ...metadata } = event;
    this.logger.send({ message, metadata });
  }

  /** Posts what is queued, waits for every batch, stops the batch timer; returns the totals. */
  async close(): Promise<HecSummary> {
    if (!this.summary.aborted) this.logger.flush();
    else this.dropQueue();
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    this.logger._disableTimer();
    return this.summary;
  }

  /** Events queued after an abort are counted as failed with the abort reason. */
  private dropQueue(): void {
    const dropped = this.logger.serializedContextQueue.length;
    this.logger.serializedContextQueue = [];
    this.logger.eventsBatchSize = 0;
    if (dropped > 0) this.count({ events: dropped, sent: 0, failed: dropped, attempts: 0, reason: `not sent: ${this.summary.aborted}` });
  }

  private track(promise: Promise<void>): void {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }

  private async postBatch(data: string, events: number): Promise<void> {
    this.summary.batches++;
    if (this.summary.aborted) {
      this.count({ events, sent: 0, failed: events, attempts: 0, reason: `not sent: ${this.summary.aborted}` });
      return;
    }
    for (let attempt = 1; ; attempt++) {
      const verdict = classify(await this.postOnce(data));
      if (verdict.kind === 'ok') {
        this.count({ events, sent: events, failed: 0, attempts: attempt });
        return;
      }
      if (verdict.kind === 'retry' && attempt <= this.options.maxRetries && !this.summary.aborted) {
        this.summary.retries++;
        await sleep(this.backoff(attempt));
        continue;
      }
      if (verdict.kind === 'fail' && verdict.fatal && !this.summary.aborted) this.summary.aborted = verdict.reason;
      const reason = verdict.kind === 'retry' ? `${verdict.reason} (gave up after ${attempt} attempts)` : verdict.reason;
      this.count({ events, sent: 0, failed: events, attempts: attempt, reason });
      return;
    }
  }

  private postOnce(data: string): Promise<Attempt> {
    return new Promise((resolve) => {
      this.logger._sendEvents({ message: data }, (error, response, body) => {
        resolve({ error, status: response?.statusCode, body: parseBody(body) });
      });
    });
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.maxRetryDelayMs, this.options.retryDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling * (0.5 + Math.random() / 2));
  }

  private count(outcome: BatchOutcome): void {
    this.summary.sent += outcome.sent;
    this.summary.failed += outcome.failed;
    if (outcome.reason !== undefined && outcome.failed > 0) {
      this.summary.reasons.set(outcome.reason, (this.summary.reasons.get(outcome.reason) ?? 0) + outcome.failed);
    }
    this.options.onBatch?.(outcome);
  }
}

/** Decides what a POST's result means (HEC status codes table, Splunk docs). */
function classify(attempt: Attempt): Verdict {
  if (attempt.error) {
    const what = `${attempt.error.code ?? 'error'}: ${attempt.error.message}`;
    if (isCertificateError(attempt.error)) {
      return { kind: 'fail', reason: `TLS certificate not trusted (${what}); pass --ca-file with the CA that signed it`, fatal: true };
    }
    return { kind: 'retry', reason: `transport ${what}` };
  }
  const status = attempt.status ?? 0;
  const code = attempt.body?.code;
  if (status === 200 && (code === undefined || code === 0)) return { kind: 'ok' };
  const reason = `HTTP ${status}${code !== undefined ? ` code ${code}` : ''}: ${attempt.body?.text ?? 'no reply text'}`;
  if (status === 503 || code === HEC_SERVER_BUSY) return { kind: 'retry', reason };
  const fatal = status === 401 || status === 403 || (code !== undefined && HEC_FATAL_CODES.has(code));
  // HEC names the first bad event of a rejected batch; whether the ones before it were indexed is not
  // documented, so the whole batch counts as failed and the reason says where to look.
  const invalid = attempt.body?.['invalid-event-number'];
  const where = typeof invalid === 'number' ? ` (first invalid event: #${invalid} of its batch)` : '';
  return { kind: 'fail', reason: reason + where, fatal };
}

function parseBody(body: unknown): Attempt['body'] {
  if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as Attempt['body'];
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as Attempt['body']) : undefined;
  } catch {
    return text === '' ? undefined : { text: text.slice(0, 200) };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `url` without its trailing `/` characters (a loop: `/\/+$/` is quadratic on a long run of slashes). */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charCodeAt(end - 1) === 0x2f) end--;
  return url.slice(0, end);
}

