/**
 * The one place the lab talks to splunkd's REST API, through splunk-sdk (2.0.2). Three things the
 * SDK does that this adapter undoes:
 * - its package index runs `require("dotenv").config()`, loading a `.env` file from the working
 *   directory into process.env: we import `splunk-sdk/lib/service` and `lib/http` directly;
 * - its Node HTTP class (lib/platform/node/node_http.js) hard-codes `rejectUnauthorized: false`: we
 *   give `Service` our own `Http` subclass whose `makeRequest` uses Node's https with verification ON
 *   (and a CA file when given);
 * - it prints splunkd's messages to the console: its logger is set to NONE and the messages come back
 *   in {@link SplunkRestError}.
 * `version` is the splunkd version: 9.0.2 and later select the v2 search endpoints
 * (`search/v2/jobs`, `search/v2/parser`, POST for results), earlier ones the v1 endpoints
 * (context.js `disableV2SearchApi`). A user/password login asks the server (`/services/server/info`)
 * and uses its version instead.
 */
import * as http from 'http';
import * as https from 'https';
import Http, { SdkRequestMessage, SdkResponse } from 'splunk-sdk/lib/http';
import { Logger } from 'splunk-sdk/lib/log';
import Service, { Job } from 'splunk-sdk/lib/service';
import type { RestCredentials } from './secrets';
import type { TlsOptions } from './tls';

/** Settings of {@link createSplunkRestClient}. */
export interface SplunkRestOptions {
  /** splunkd management URL, e.g. `https://splunk.example.com:8089`. */
  url: string;
  credentials: RestCredentials;
  tls: TlsOptions;
  /** splunkd version, e.g. `9.4`. */
  version: string;
  /** Namespace (servicesNS/<owner>/<app>) the searches and the parser run in, so the app's macros apply. */
  owner: string;
  app: string;
  /** Timeout of one HTTP request, ms. */
  timeoutMs: number;
}

/** A locally installed app (`/services/apps/local/<name>`). */
export interface AppInfo {
  name: string;
  version?: string;
  disabled: boolean;
}

/** A saved search as splunkd has it (`saved/searches` in the app namespace). */
export interface SavedSearchInfo {
  name: string;
  search: string;
  disabled: boolean;
  app?: string;
}

/** What the search parser said about a query. */
export type ParseOutcome = { ok: true; commands: string[]; expanded: string } | { ok: false; messages: string[] };

/** The parts of splunkd's search/parser reply (output_mode=json) the adapter reads. */
interface ParserReply {
  commands?: { command?: string; rawargs?: string }[];
  remoteSearch?: string;
  eventsSearch?: string;
  reportsSearch?: string;
}

/** A search's time range: epoch seconds or Splunk relative time (`-24h`, `now`). */
export interface SearchWindow {
  earliest: string;
  latest: string;
}

/** An HTTP error or transport failure from splunkd, with its messages. */
export class SplunkRestError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    what: string,
  ) {
    super(`${what}: ${status === 600 ? 'no connection' : `HTTP ${status}`}${messages.length > 0 ? `: ${messages.join('; ')}` : ''}`);
    this.name = 'SplunkRestError';
  }
}

/** The calls `idetunnel validate` makes. */
export interface SplunkRestClient {
  /** Logs in with user/password (POST /services/auth/login); a no-op with a token. The version in use after it. */
  connect(): Promise<string>;
  /** GET /services/apps/local/<name>; undefined on 404. */
  app(name: string): Promise<AppInfo | undefined>;
  /** search/parser (v2: POST search/v2/parser) in the namespace, macros expanded (parse_only=false). */
  parse(spl: string): Promise<ParseOutcome>;
  /** GET saved/searches in the namespace, only those of the app. */
  savedSearches(): Promise<SavedSearchInfo[]>;
  /**
   * Runs a search job in the namespace over `window` and returns its results (output_mode=json).
   * Polls the job every `pollMs` until isDone; throws after `maxWaitMs`.
   */
  search(spl: string, window: SearchWindow, pollMs: number, maxWaitMs: number): Promise<Record<string, unknown>[]>;
  /** The version and endpoints in use: `v2` for 9.0.2+, `v1` before. */
  searchApi(): 'v1' | 'v2';
}

Logger.setLevel('NONE');

/** splunkd's messages from an error body (`{"messages":[{"type","text"}]}` or the XML `<msg>` form). */
function messagesOf(data: unknown): string[] {
  if (data && typeof data === 'object' && Array.isArray((data as { messages?: unknown }).messages)) {
    return ((data as { messages: { type?: string; text?: string }[] }).messages ?? []).map((m) => `${m.type ?? 'MSG'} ${m.text ?? ''}`.trim());
  }
  if (typeof data === 'string') {
    const found = [...data.matchAll(/<msg[^>]*type="([^"]*)"[^>]*>([^<]*)<\/msg>/g)].map((m) => `${m[1]} ${m[2]}`);
    if (found.length > 0) return found;
    return data.trim() === '' ? [] : [data.trim().slice(0, 300)];
  }
  return [];
}

function toError(thrown: unknown, what: string): Error {
  const r = thrown as Partial<SdkResponse> | undefined;
  if (r && typeof r === 'object' && 'status' in r && typeof r.status === 'number') {
    const e = r.error as { message?: unknown; code?: unknown } | null | undefined;
    const cause = e && typeof e.message === 'string' ? [typeof e.code === 'string' ? `${e.message} (${e.code})` : e.message] : [];
    return new SplunkRestError(r.status, [...messagesOf(r.data), ...cause], what);
  }
  return thrown instanceof Error ? thrown : new Error(`${what}: ${String(thrown)}`);
}

/** An SDK `Http` that makes requests with Node's http/https and the given TLS options. */
function verifyingHttp(tls: TlsOptions, timeoutMs: number): unknown {
  const Verifying = Http.extend({
    init(this: { _super(): void }) {
      this._super();
    },
    makeRequest(this: { _buildResponse(e: unknown, r: unknown, d: string): SdkResponse }, url: string, message: SdkRequestMessage) {
      return new Promise<SdkResponse>((resolve, reject) => {
        const target = new URL(url);
        const body = message.body ?? '';
        const headers = { ...message.headers, 'Content-Length': String(Buffer.byteLength(body, 'utf8')), 'User-Agent': 'idetunnel-validate' };
        const transport = target.protocol === 'https:' ? https : http;
        const request = transport.request(target, { method: message.method, headers, timeout: timeoutMs, ...tls }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => reject(this._buildResponse(error, { headers: {}, statusCode: 600 }, '')));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve(this._buildResponse(null, { headers: response.headers, statusCode: response.statusCode ?? 0 }, text));
          });
        });
        request.on('timeout', () => request.destroy(new Error(`no reply within ${timeoutMs} ms`)));
        request.on('error', (error) => reject(this._buildResponse(error, { headers: {}, statusCode: 600 }, '')));
        request.end(body);
      });
    },
    parseJson(json: string) {
      return JSON.parse(json);
    },
  });
  return new Verifying();
}

function entries(data: unknown): { name: string; content: Record<string, unknown>; acl?: Record<string, unknown> }[] {
  const list = (data as { entry?: unknown } | undefined)?.entry;
  return Array.isArray(list) ? (list as { name: string; content: Record<string, unknown>; acl?: Record<string, unknown> }[]) : [];
}

function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds the adapter. Nothing is sent until the first call. */
export function createSplunkRestClient(options: SplunkRestOptions): SplunkRestClient {
  const url = new URL(options.url);
  const creds = options.credentials;
  const service = new Service(verifyingHttp(options.tls, options.timeoutMs), {
    scheme: url.protocol.replace(':', ''),
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    owner: options.owner,
    app: options.app,
    version: options.version,
    timeout: options.timeoutMs,
    ...(creds.kind === 'token'
      ? { sessionKey: creds.token, authorization: 'Bearer', autologin: false }
      : { username: creds.username, password: creds.password }),
  });
  const namespace = `/servicesNS/${encodeURIComponent(options.owner)}/${encodeURIComponent(options.app)}`;

  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw toError(error, what);
    }
  };

  return {
    async connect() {
      if (creds.kind === 'password') await call('login', () => service.login());
      return service.version;
    },
    searchApi: () => (service.disableV2SearchApi() ? 'v1' : 'v2'),
    async app(name) {
      try {
        const response = await service.get(`/services/apps/local/${encodeURIComponent(name)}`, {});
        const entry = entries(response.data)[0];
        if (!entry) return undefined;
        return { name: entry.name, version: entry.content.version as string | undefined, disabled: truthy(entry.content.disabled) };
      } catch (error) {
        const e = toError(error, `apps/local/${name}`);
        if (e instanceof SplunkRestError && e.status === 404) return undefined;
        throw e;
      }
    },
    async parse(spl) {
      try {
        // splunkd's JSON: {"remoteSearch", "eventsSearch", "reportsSearch", "commands": [{"command", "rawargs", ...}]}
        const data = (await service.parse(spl, { parse_only: false, output_mode: 'json' })) as ParserReply;
        const commands = (data.commands ?? []).map((c) => String(c.command ?? ''));
        const expanded = [
          (data.commands ?? []).map((c) => `${c.command ?? ''} ${c.rawargs ?? ''}`.trim()).join(' | '),
          ...[data.remoteSearch, data.eventsSearch, data.reportsSearch].filter((x): x is string => typeof x === 'string' && x !== ''),
        ].join('\n');
        return { ok: true, commands, expanded };
      } catch (error) {
        const e = toError(error, 'search parser');
        if (e instanceof SplunkRestError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 403) {
          return { ok: false, messages: e.messages };
        }
        throw e;
      }
    },
    async savedSearches() {
      const response = await call('saved/searches', () =>
        service.get(`${namespace}/saved/searches`, { count: 0, search: `eai:acl.app=${options.app}` }),
      );
      return entries(response.data)
        .filter((e) => e.acl?.app === undefined || e.acl.app === options.app)
        .map((e) => ({ name: e.name, search: String(e.content.search ?? ''), disabled: truthy(e.content.disabled), app: e.acl?.app as string | undefined }));
    },
    async search(spl, window, pollMs, maxWaitMs) {
      const query = /^\s*\|/.test(spl) || /^\s*search\b/.test(spl) ? spl : `search ${spl}`;
      const job: Job = await call('create search job', () =>
        service.jobs({ owner: options.owner, app: options.app }).create(query, {
          earliest_time: window.earliest,
          latest_time: window.latest,
          exec_mode: 'normal',
        }),
      );
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        await call(`job ${job.sid}`, () => job.fetch());
        const state = job.properties();
        if (state.dispatchState === 'FAILED') {
          throw new SplunkRestError(200, messagesOf(state), `job ${job.sid} failed`);
        }
        if (truthy(state.isDone)) break;
        if (Date.now() > deadline) {
          await job.cancel().catch(() => undefined);
          throw new Error(`job ${job.sid} not done after ${maxWaitMs} ms (cancelled)`);
        }
        await sleep(pollMs);
      }
      const [data] = await call(`results of job ${job.sid}`, () => job.results({ output_mode: 'json', count: 0 }));
      const results = (data as { results?: unknown } | undefined)?.results;
      return Array.isArray(results) ? (results as Record<string, unknown>[]) : [];
    },
  };
}
