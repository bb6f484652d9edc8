/**
 * A STAND-IN for Splunk used by the lab tool tests: no Splunk runs on these machines. One HTTP(S)
 * server that answers the documented contracts the tools rely on, and records what it was sent.
 *
 * HEC (Splunk docs "HTTP Event Collector REST API endpoints" and "Troubleshoot HTTP Event Collector"):
 *   POST /services/collector/event[/1.0], header `Authorization: Splunk <token>`, body = JSON event
 *   objects one after another; 200 {"text":"Success","code":0}; 401 {"text":"Token is required","code":2}
 *   / {"text":"Invalid authorization","code":3}; 403 {"text":"Invalid token","code":4};
 *   503 {"text":"Server is busy","code":9}; 400 {"text":"No data","code":5} /
 *   {"text":"Invalid data format","code":6,"invalid-event-number":N} / {"text":"Event field is required","code":12,...}.
 * splunkd REST (REST API Reference: auth/login, server/info, apps/local, search/parser,
 *   saved/searches, search/jobs and search/v2/jobs; Atom-style JSON with output_mode=json):
 *   POST /services/auth/login -> {"sessionKey":...} (JSON) or <response><sessionKey>..</sessionKey></response> (XML);
 *   other calls need `Authorization: Splunk <sessionKey>` or `Bearer <token>`, else 401 with messages;
 *   errors carry {"messages":[{"type":"FATAL"|"ERROR"|"WARN","text":...}]}.
 * What it does not do: index anything, run SPL, check permissions or roles. Search results come from
 * a function the test supplies; the parser only expands macros and knows a list of command names.
 */
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import { generate } from 'selfsigned';

/** A key pair and self-signed certificate (PEM) for localhost / 127.0.0.1. */
export interface TestCert {
  key: string;
  cert: string;
}

let certPromise: Promise<TestCert> | undefined;

/** Generates (once per test file) a self-signed certificate for CN=localhost with SANs localhost, 127.0.0.1. */
export function selfSignedCert(): Promise<TestCert> {
  certPromise ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certPromise;
}

export interface HecBehaviour {
  token: string;
  /** Answer this many POSTs with 503 / code 9 first. */
  busyResponses?: number;
  /** Destroy the socket of this many POSTs first (a transport error for the client). */
  resetConnections?: number;
  /** Returns a reason when an event must be refused with 400 code 6. */
  reject?(event: Record<string, unknown>): boolean;
}

export interface MacroDefinition {
  definition: string;
  args?: string[];
}

export interface RestBehaviour {
  /** Authentication token accepted as `Bearer <token>`. */
  token?: string;
  /** username -> password accepted by /services/auth/login. */
  users?: Record<string, string>;
  /** What /services/server/info reports. */
  version: string;
  apps: Record<string, { version: string; disabled?: boolean }>;
  /** Custom search commands registered (besides a list of built-ins). */
  commands: string[];
  /** macros.conf stanza name -> definition, visible in every namespace. */
  macros: Record<string, MacroDefinition>;
  savedSearches: { name: string; search: string; app: string }[];
  /** The results of a search job. */
  results(search: string, earliest: string, latest: string): Record<string, unknown>[];
  /** Job status polls answered with isDone=0 before isDone=1. */
  pollsBeforeDone?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  authorization?: string;
  body: string;
}

export interface StandIn {
  url: string;
  requests: RecordedRequest[];
  /** Each accepted HEC POST's events, in arrival order. */
  hecBatches: Record<string, unknown>[][];
  jobs: { sid: string; search: string; earliest: string; latest: string }[];
  close(): Promise<void>;
}

const BUILTIN_COMMANDS = new Set([
  'search', 'makeresults', 'eval', 'where', 'table', 'stats', 'fields', 'rename', 'tstats', 'inputlookup', 'lookup',
  'delete', 'sort', 'dedup', 'head', 'fillnull', 'convert', 'bin', 'timechart', 'append', 'join', 'rex', 'spath',
]);

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function messages(res: http.ServerResponse, status: number, type: string, text: string): void {
  json(res, status, { messages: [{ type, text }] });
}

/** Splits HEC's body (JSON objects one after another) into objects; undefined at the first invalid one. */
export function splitHecBody(body: string): { events: unknown[]; invalidAt?: number } {
  const events: unknown[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}') {
      if (--depth === 0) {
        try {
          events.push(JSON.parse(body.slice(start, i + 1)));
        } catch {
          return { events, invalidAt: events.length };
        }
      }
    } else if (depth === 0 && !/\s/.test(c)) return { events, invalidAt: events.length };
  }
  return depth === 0 ? { events } : { events, invalidAt: events.length };
}

/** Starts the stand-in on 127.0.0.1 (HTTPS with `cert`, else HTTP) on a free port. */
export async function startStandIn(options: { cert?: TestCert; hec?: HecBehaviour; rest?: RestBehaviour }): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const hecBatches: Record<string, unknown>[][] = [];
  const jobs: StandIn['jobs'] = [];
  const sessions = new Set<string>();
  const polls = new Map<string, number>();
  let busyLeft = options.hec?.busyResponses ?? 0;
  let resetsLeft = options.hec?.resetConnections ?? 0;

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const form = new URLSearchParams(req.headers['content-type']?.includes('x-www-form-urlencoded') && !url.pathname.startsWith('/services/collector') ? body : '');
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname.replace(/(.)\/+$/, '$1'), query: url.searchParams, form, authorization: req.headers.authorization, body };
      requests.push(recorded);
      if (url.pathname.startsWith('/services/collector')) hec(req, res, recorded);
      else rest(req, res, recorded);
    });
  };

  const hec = (req: http.IncomingMessage, res: http.ServerResponse, r: RecordedRequest): void => {
    const behaviour = options.hec;
    if (!behaviour || req.method !== 'POST' || !/^\/services\/collector(\/event(\/1\.0)?)?$/.test(r.path)) {
      return json(res, 404, { text: 'The requested URL was not found on this server.', code: 404 });
    }
    if (resetsLeft > 0) {
      resetsLeft--;
      req.socket.destroy();
      return;
    }
    const auth = r.authorization;
    if (!auth) return json(res, 401, { text: 'Token is required', code: 2 });
    const match = /^Splunk (\S+)$/.exec(auth);
    if (!match) return json(res, 401, { text: 'Invalid authorization', code: 3 });
    if (match[1] !== behaviour.token) return json(res, 403, { text: 'Invalid token', code: 4 });
    if (busyLeft > 0) {
      busyLeft--;
      return json(res, 503, { text: 'Server is busy', code: 9 });
    }
    if (r.body.trim() === '') return json(res, 400, { text: 'No data', code: 5 });
    const { events, invalidAt } = splitHecBody(r.body);
    if (invalidAt !== undefined) return json(res, 400, { text: 'Invalid data format', code: 6, 'invalid-event-number': invalidAt });
    for (const [i, e] of events.entries()) {
      const event = e as Record<string, unknown>;
      if (event.event === undefined) return json(res, 400, { text: 'Event field is required', code: 12, 'invalid-event-number': i });
      if (behaviour.reject?.(event)) return json(res, 400, { text: 'Invalid data format', code: 6, 'invalid-event-number': i });
    }
    hecBatches.push(events as Record<string, unknown>[]);
    json(res, 200, { text: 'Success', code: 0 });
  };

  const rest = (req: http.IncomingMessage, res: http.ServerResponse, r: RecordedRequest): void => {
    const behaviour = options.rest;
    if (!behaviour) return messages(res, 404, 'ERROR', 'Not Found');
    const params = new URLSearchParams([...r.query, ...r.form]);
    const jsonMode = params.get('output_mode') === 'json';
    if (r.path === '/services/auth/login' && req.method === 'POST') {
      const user = params.get('username') ?? '';
      if (!behaviour.users || behaviour.users[user] === undefined || behaviour.users[user] !== params.get('password')) {
        return messages(res, 401, 'WARN', 'Login failed');
      }
      const key = `session-${sessions.size + 1}-${user}`;
      sessions.add(key);
      if (jsonMode) return json(res, 200, { sessionKey: key });
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8' });
      res.end(`<response>\n  <sessionKey>${key}</sessionKey>\n</response>\n`);
      return;
    }
    const auth = r.authorization ?? '';
    const bearer = /^Bearer (\S+)$/.exec(auth);
    const splunk = /^Splunk (\S+)$/.exec(auth);
    const authorised = (bearer && behaviour.token !== undefined && bearer[1] === behaviour.token) || (splunk && sessions.has(splunk[1]));
    if (!authorised) return messages(res, 401, 'WARN', 'call not properly authenticated');

    if (r.path === '/services/server/info') {
      return json(res, 200, { generator: { build: 'stand-in', version: behaviour.version }, entry: [{ name: 'server-info', content: { version: behaviour.version } }] });
    }
    const app = /^\/services(?:NS\/[^/]+\/[^/]+)?\/apps\/local\/([^/]+)$/.exec(r.path);
    if (app) {
      const name = decodeURIComponent(app[1]);
      const found = behaviour.apps[name];
      if (!found) return messages(res, 404, 'ERROR', `Could not find object id=${name}`);
      return json(res, 200, { entry: [{ name, content: { version: found.version, disabled: found.disabled ?? false, label: name } }] });
    }
    const ns = /^\/servicesNS\/([^/]+)\/([^/]+)\/(.*)$/.exec(r.path);
    const rel = ns ? ns[3] : r.path.replace(/^\/services\//, '');
    const nsApp = ns ? decodeURIComponent(ns[2]) : undefined;
    if (rel === 'saved/searches' && req.method === 'GET') {
      const list = behaviour.savedSearches.filter((s) => nsApp === undefined || nsApp === '-' || s.app === nsApp);
      return json(res, 200, { entry: list.map((s) => ({ name: s.name, content: { search: s.search, disabled: false }, acl: { app: s.app, owner: 'nobody' } })) });
    }
    if (rel === 'search/parser' || rel === 'search/v2/parser') {
      const parsed = parse(params.get('q') ?? '', behaviour);
      if ('error' in parsed) return messages(res, 400, 'FATAL', parsed.error);
      return json(res, 200, { commands: parsed.commands.map((c) => ({ command: c.command, rawargs: c.rawargs })) });
    }
    const jobsPath = /^search\/(?:v2\/)?jobs(?:\/([^/]+)(?:\/(results|control))?)?$/.exec(rel);
    if (jobsPath) {
      const [, sid, sub] = jobsPath;
      if (!sid && req.method === 'POST') {
        const search = params.get('search') ?? '';
        const parsed = parse(search, behaviour);
        if ('error' in parsed) return messages(res, 400, 'FATAL', parsed.error);
        const id = `standin_${jobs.length + 1}`;
        jobs.push({ sid: id, search, earliest: params.get('earliest_time') ?? '', latest: params.get('latest_time') ?? '' });
        return json(res, 201, { sid: id });
      }
      const job = jobs.find((j) => j.sid === decodeURIComponent(sid ?? ''));
      if (!job) return messages(res, 404, 'ERROR', `Unknown sid.`);
      if (!sub) {
        const seen = polls.get(job.sid) ?? 0;
        polls.set(job.sid, seen + 1);
        const done = seen >= (behaviour.pollsBeforeDone ?? 0);
        return json(res, 200, { entry: [{ name: job.sid, content: { sid: job.sid, isDone: done, dispatchState: done ? 'DONE' : 'RUNNING' } }] });
      }
      if (sub === 'control') return json(res, 200, { messages: [{ type: 'INFO', text: 'Search job cancelled.' }] });
      return json(res, 200, { results: behaviour.results(job.search, job.earliest, job.latest) });
    }
    messages(res, 404, 'ERROR', `Not Found: ${r.path}`);
  };

  const server = options.cert ? https.createServer({ key: options.cert.key, cert: options.cert.cert }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.cert ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    hecBatches,
    jobs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Expands macros (recursively, `$arg$` substitution) and checks each command name; the error texts are splunkd's. */
function parse(q: string, behaviour: RestBehaviour): { commands: { command: string; rawargs: string }[] } | { error: string } {
  let text = q;
  for (let depth = 0; text.includes('`'); depth++) {
    if (depth > 50) return { error: "Error in 'SearchParser': macro expansion went too deep." };
    const call = /`([^`(]+)(?:\(([^`]*)\))?`/.exec(text);
    if (!call) return { error: "Error in 'SearchParser': Mismatched ']' or unterminated macro." };
    const name = call[1].trim();
    const args = call[2] === undefined ? [] : call[2].split(',').map((a) => a.trim());
    const stanza = args.length === 0 ? name : `${name}(${args.length})`;
    const macro = behaviour.macros[stanza];
    if (!macro) {
      return { error: `Error in 'SearchParser': The search specifies a macro '${stanza}' that cannot be found. Reasons include: the macro name is misspelled, you do not have "read" permission for the macro, or the macro has not been shared with this application.` };
    }
    let body = macro.definition;
    (macro.args ?? []).forEach((arg, i) => (body = body.split(`$${arg}$`).join(args[i])));
    text = text.slice(0, call.index) + body + text.slice(call.index + call[0].length);
  }
  const segments = splitPipes(text.trim());
  const commands: { command: string; rawargs: string }[] = [];
  segments.forEach((segment, i) => {
    const s = segment.trim();
    if (s === '' && i === 0) return;
    const word = /^(\S+)/.exec(s)?.[1] ?? '';
    if (i === 0 && !text.trim().startsWith('|') && word !== 'search') commands.push({ command: 'search', rawargs: s });
    else commands.push({ command: word, rawargs: s.slice(word.length).trim() });
  });
  for (const c of commands) {
    if (!BUILTIN_COMMANDS.has(c.command) && !behaviour.commands.includes(c.command)) return { error: `Unknown search command '${c.command}'.` };
  }
  return { commands };
}

function splitPipes(text: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"' && text[i - 1] !== '\\') quoted = !quoted;
    else if (!quoted && text[i] === '|') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** What {@link useStandIns} gives a test file. */
export interface StandInContext {
  /** The self-signed certificate the HTTPS stand-ins serve. */
  cert: TestCert;
  /** That certificate as a PEM file (what `--ca-file` takes). */
  caFile: string;
  /** A temporary folder for the test file's own files. */
  dir: string;
  /** Starts a stand-in, HTTPS with the certificate unless `tls` is false; closed after each test. */
  start(options: { hec?: HecBehaviour; rest?: RestBehaviour }, tls?: boolean): Promise<StandIn>;
}

/** Registers jest hooks: certificate + CA file + temp folder before all tests, stand-ins closed after each. */
export function useStandIns(prefix: string): StandInContext {
  const servers: StandIn[] = [];
  const context = {
    start: async (options: { hec?: HecBehaviour; rest?: RestBehaviour }, tls = true) => {
      const server = await startStandIn({ ...options, cert: tls ? context.cert : undefined });
      servers.push(server);
      return server;
    },
  } as StandInContext;
  beforeAll(async () => {
    const { mkdtempSync, writeFileSync } = await import('fs');
    const { tmpdir } = await import('os');
    const path = await import('path');
    context.cert = await selfSignedCert();
    context.dir = mkdtempSync(path.join(tmpdir(), `idetunnel-${prefix}-`));
    context.caFile = path.join(context.dir, 'ca.pem');
    writeFileSync(context.caFile, context.cert.cert);
  });
  afterEach(async () => {
    while (servers.length > 0) await (servers.pop() as StandIn).close();
  });
  return context;
}
