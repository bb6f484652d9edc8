/**
 * A stand-in for Splunk Web on 127.0.0.1, for browser tests of the app's views without a Splunk.
 * Dependency-free (node:http), so Jest tests and tools with their own package.json can use it.
 *
 * It serves what a Simple XML view with `script=` needs from Splunk Web, at the same paths:
 *   GET  <root>/<locale>/app/<app>/<view>          the view: its label, its <html> panels, then its
 *                                                  stylesheet= and script= files (read from
 *                                                  default/data/ui/views/<view>.xml); a strict CSP
 *                                                  (no inline script or style) as AppInspect expects
 *   GET  <root>/<locale>/config?autoload=1         window.$C (LOCALE, MRSPARKLE_ROOT_PATH, MRSPARKLE_PORT_NUMBER)
 *   GET  <root>/<locale>/static/app/<app>/<file>   appserver/static/<file>
 *   *    <root>/<locale>/splunkd/__raw/<path>      splunkd's REST API (output_mode=json), answered from
 *                                                  an in-memory state (below); POST and DELETE must carry
 *                                                  X-Splunk-Form-Key equal to the splunkweb_csrf_token_<port>
 *                                                  cookie the page response sets, else 401 as Splunk Web does.
 * splunkd endpoints (shapes from the Splunk REST API reference, JSON mode):
 *   services/authentication/current-context, services/data/indexes,
 *   servicesNS/<o>/<app>/configs/conf-macros/<name> (GET, POST definition=),
 *   servicesNS/<o>/<app>/configs/conf-app/<stanza> (POST), services/apps/local/<app>/_reload,
 *   servicesNS/<o>/<app>/search/jobs (POST exec_mode=oneshot: rows from options.search),
 *   servicesNS/<o>/<app>/storage/collections/config/<c> (ACL for the current user),
 *   servicesNS/<o>/<app>/storage/collections/data/<c>[/<key>] (GET, POST JSON, DELETE; 403 when read-only).
 * Every request to the splunkd proxy is recorded (method, splunkd path, query, form or JSON body,
 * whether the form key matched) for tests to assert what landed; `fail()` makes the next matching
 * requests answer with an error status.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml' };

/** Escapes text for HTML. */
function esc(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Reads `<dashboard ... script= stylesheet=>`, its label and the inner XML of its <html> panels. */
export function readSimpleXmlView(xml) {
  const open = /<(dashboard|form)\b([^>]*)>/.exec(xml);
  if (!open) throw new Error('not a Simple XML view: no <dashboard> or <form>');
  const attrs = Object.fromEntries([...open[2].matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const label = /<label>([\s\S]*?)<\/label>/.exec(xml)?.[1] ?? '';
  const panels = [...xml.matchAll(/<html>([\s\S]*?)<\/html>/g)].map((m) => m[1]);
  const list = (value) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return { root: open[1], attrs, label, panels, scripts: list(attrs.script), stylesheets: list(attrs.stylesheet) };
}

function parseBody(raw, type) {
  if (/application\/json/.test(type ?? '')) {
    try {
      return { json: JSON.parse(raw) };
    } catch {
      return { json: undefined };
    }
  }
  if (/x-www-form-urlencoded/.test(type ?? '')) return { form: Object.fromEntries(new URLSearchParams(raw)) };
  return {};
}

/**
 * Starts the stand-in.
 * @param {object} options
 * @param {string} options.repoRoot repository root (views in default/data/ui/views, bundles in appserver/static)
 * @param {string} [options.rootEndpoint] web.conf root_endpoint, e.g. "/splunk" (default "")
 * @param {string} [options.locale] default "en-US"
 * @param {string} [options.app] default "idetunnel"
 * @param {{username: string, roles: string[]}} [options.user] default admin
 * @param {Record<string, string>} [options.macros] macro name -> definition
 * @param {string[]} [options.indexes] event indexes the user can see
 * @param {Record<string, {canWrite: boolean, writeRoles?: string[], rows?: object[]}>} [options.collections]
 * @param {(search: string, params: Record<string, string>) => object[]} [options.search] oneshot search results
 * @returns {Promise<StandIn>}
 */
export async function startSplunkWebStandIn(options) {
  const rootEndpoint = (options.rootEndpoint ?? '').replace(/\/+$/, '');
  const locale = options.locale ?? 'en-US';
  const app = options.app ?? 'idetunnel';
  const formKey = randomBytes(12).toString('hex');
  const state = {
    user: options.user ?? { username: 'admin', roles: ['admin'] },
    macros: new Map(Object.entries(options.macros ?? {})),
    indexes: [...(options.indexes ?? ['main'])],
    appConf: new Map(),
    reloads: 0,
    collections: new Map(
      Object.entries(options.collections ?? {}).map(([name, c]) => [
        name,
        { canWrite: c.canWrite, writeRoles: c.writeRoles ?? ['admin', 'sc_admin'], rows: new Map((c.rows ?? []).map((r) => [r._key, { ...r }])) },
      ]),
    ),
  };
  const requests = [];
  const failures = [];
  const search = options.search ?? (() => []);
  let nextKey = 1;

  const send = (res, status, body, type = 'application/json; charset=utf-8', headers = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
  };
  const splunkdError = (res, status, text) => send(res, status, { messages: [{ type: 'ERROR', text }] });
  const entry = (name, content, extra = {}) => ({ entry: [{ name, content, ...extra }] });

  function page(res, view, port) {
    const file = join(options.repoRoot, 'default', 'data', 'ui', 'views', `${view}.xml`);
    if (!/^[\w-]+$/.test(view) || !existsSync(file)) return send(res, 404, `<h1>Page not found</h1><p>${esc(view)}</p>`, 'text/html; charset=utf-8');
    const parsed = readSimpleXmlView(readFileSync(file, 'utf8'));
    const base = `${rootEndpoint}/${locale}`;
    const html = `<!doctype html>
<html lang="${esc(locale)}"><head><meta charset="utf-8"><title>${esc(parsed.label)} | Splunk (stand-in)</title>
<link rel="stylesheet" href="${base}/static/app/${app}/stand-in-splunk-web.css">
${parsed.stylesheets.map((s) => `<link rel="stylesheet" href="${base}/static/app/${app}/${esc(s)}">`).join('\n')}
<script src="${base}/config?autoload=1"></script></head>
<body class="stand-in-splunk-web"><header class="stand-in-bar"><span>splunk&gt;</span> <span class="stand-in-app">IDE Tunnel Detection</span></header>
<main class="dashboard-body"><h2 class="dashboard-title">${esc(parsed.label)}</h2>
${parsed.panels.map((p) => `<div class="dashboard-panel html">${p}</div>`).join('\n')}
</main>
${parsed.scripts.map((s) => `<script src="${base}/static/app/${app}/${esc(s)}"></script>`).join('\n')}
</body></html>`;
    send(res, 200, html, 'text/html; charset=utf-8', {
      'Set-Cookie': `splunkweb_csrf_token_${port}=${formKey}; Path=/; SameSite=Strict`,
      'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'",
    });
  }

  const STAND_IN_CSS =
    'body{margin:0;font:14px "Splunk Platform Sans",Roboto,"Helvetica Neue",Arial,sans-serif;background:#f2f4f5;color:#171d21}' +
    '.stand-in-bar{background:#171d21;color:#fff;padding:10px 16px;font-weight:700}.stand-in-app{font-weight:400;margin-left:12px;color:#c3cbd4}' +
    '.dashboard-body{padding:12px 20px}.dashboard-title{font-size:22px;font-weight:400;margin:8px 0 12px}.dashboard-panel{background:#fff;padding:16px;border-radius:3px}';

  function splunkd(req, res, path, query, body) {
    const method = req.method;
    const ns = new RegExp(`^/servicesNS/[^/]+/${app}/`);
    const rel = path.replace(ns, '').replace(/^\/services\//, '');
    let m;
    if (method === 'GET' && rel === 'authentication/current-context') return send(res, 200, entry('context', { username: state.user.username, roles: state.user.roles }));
    if (method === 'GET' && rel === 'data/indexes') return send(res, 200, { entry: state.indexes.map((name) => ({ name, content: { datatype: 'event', disabled: false } })) });
    if ((m = /^configs\/conf-macros\/([^/]+)$/.exec(rel))) {
      const name = decodeURIComponent(m[1]);
      if (!state.macros.has(name)) return splunkdError(res, 404, `Could not find object id=${name}`);
      if (method === 'POST') state.macros.set(name, body.form?.definition ?? '');
      return send(res, 200, entry(name, { definition: state.macros.get(name) }));
    }
    if (method === 'POST' && (m = /^configs\/conf-app\/([^/]+)$/.exec(rel))) {
      state.appConf.set(decodeURIComponent(m[1]), { ...(state.appConf.get(decodeURIComponent(m[1])) ?? {}), ...body.form });
      return send(res, 200, entry(m[1], body.form));
    }
    if ((method === 'GET' || method === 'POST') && rel === `apps/local/${app}/_reload`) {
      state.reloads++;
      return send(res, 200, { entry: [] });
    }
    if (method === 'POST' && (rel === 'search/jobs' || rel === 'search/v2/jobs')) {
      const params = body.form ?? {};
      if (params.exec_mode !== 'oneshot') return splunkdError(res, 400, 'stand-in: only exec_mode=oneshot');
      return send(res, 200, { results: search(params.search ?? '', params), messages: [] });
    }
    if (method === 'GET' && (m = /^storage\/collections\/config\/([^/]+)$/.exec(rel))) {
      const c = state.collections.get(decodeURIComponent(m[1]));
      if (!c) return splunkdError(res, 404, `Collection ${m[1]} not found`);
      return send(res, 200, entry(m[1], {}, { acl: { app, owner: 'nobody', sharing: 'global', can_write: c.canWrite, perms: { read: ['*'], write: c.writeRoles } } }));
    }
    if ((m = /^storage\/collections\/data\/([^/]+)(?:\/([^/]+))?$/.exec(rel))) {
      const c = state.collections.get(decodeURIComponent(m[1]));
      if (!c) return splunkdError(res, 404, `Collection ${m[1]} not found`);
      const key = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
      if (method === 'GET') {
        if (key !== undefined) return c.rows.has(key) ? send(res, 200, c.rows.get(key)) : splunkdError(res, 404, `Could not find object with _key=${key}`);
        let rows = [...c.rows.values()];
        const sort = query.get('sort');
        if (sort) {
          const [field, dir] = sort.split(':');
          rows.sort((a, b) => String(a[field] ?? '').localeCompare(String(b[field] ?? '')) * (dir === '-1' ? -1 : 1));
        }
        if (query.get('limit')) rows = rows.slice(0, Number(query.get('limit')));
        return send(res, 200, rows);
      }
      if (!c.canWrite) return splunkdError(res, 403, 'User does not have permissions to perform this operation');
      if (method === 'POST') {
        if (!body.json || typeof body.json !== 'object') return splunkdError(res, 400, 'Request body is not a JSON object');
        if (key !== undefined && !c.rows.has(key)) return splunkdError(res, 404, `Could not find object with _key=${key}`);
        const newKey = key ?? `${(nextKey++).toString(16).padStart(24, '0')}`;
        c.rows.set(newKey, { ...body.json, _key: newKey });
        return send(res, key === undefined ? 201 : 200, { _key: newKey });
      }
      if (method === 'DELETE' && key !== undefined) {
        if (!c.rows.delete(key)) return splunkdError(res, 404, `Could not find object with _key=${key}`);
        return send(res, 200, '', 'text/plain');
      }
    }
    return splunkdError(res, 404, `stand-in: no handler for ${method} ${path}`);
  }

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const port = String(server.address().port);
        const base = `${rootEndpoint}/${locale}`;
        let p = url.pathname;
        if (p === '/favicon.ico') return send(res, 204, '', 'image/x-icon');
        if (!p.startsWith(`${base}/`)) return send(res, 404, 'not under the root endpoint and locale', 'text/plain');
        p = p.slice(base.length);
        let m;
        if (req.method === 'GET' && (m = new RegExp(`^/app/${app}/([^/]+)$`).exec(p))) return page(res, m[1], port);
        if (req.method === 'GET' && p === '/config') {
          const config = { LOCALE: locale, MRSPARKLE_ROOT_PATH: rootEndpoint, MRSPARKLE_PORT_NUMBER: port };
          return send(res, 200, `window.$C = ${JSON.stringify(config)};\n`, 'text/javascript; charset=utf-8');
        }
        if (req.method === 'GET' && p === `/static/app/${app}/stand-in-splunk-web.css`) return send(res, 200, STAND_IN_CSS, 'text/css; charset=utf-8');
        if (req.method === 'GET' && (m = new RegExp(`^/static/app/${app}/(.+)$`).exec(p))) {
          const rel = normalize(m[1]);
          const file = join(options.repoRoot, 'appserver', 'static', rel);
          if (rel.startsWith('..') || !existsSync(file)) return send(res, 404, 'not found', 'text/plain');
          return send(res, 200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
        }
        if (p.startsWith('/splunkd/__raw/')) {
          const path = p.slice('/splunkd/__raw'.length);
          const raw = Buffer.concat(chunks).toString('utf8');
          const body = parseBody(raw, req.headers['content-type']);
          const formKeyOk = req.headers['x-splunk-form-key'] === formKey;
          requests.push({ method: req.method, path, query: Object.fromEntries(url.searchParams), body: raw, ...body, formKeyOk });
          if (req.method !== 'GET' && !formKeyOk) return splunkdError(res, 401, 'Splunk Web: CSRF validation failed (X-Splunk-Form-Key missing or wrong)');
          const failure = failures.find((f) => f.times > 0 && (f.method ?? req.method) === req.method && f.path.test(path));
          if (failure) {
            failure.times--;
            return splunkdError(res, failure.status, failure.text);
          }
          return splunkd(req, res, path, url.searchParams, body);
        }
        return send(res, 404, 'not found', 'text/plain');
      } catch (error) {
        send(res, 500, { messages: [{ type: 'ERROR', text: `stand-in failure: ${error.message}` }] });
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    formKey,
    state,
    requests,
    /** URL of a view of the app. */
    viewUrl: (view) => `${origin}${rootEndpoint}/${locale}/app/${app}/${view}`,
    /** Recorded requests other than GET (what the page wrote). */
    writes: () => requests.filter((r) => r.method !== 'GET'),
    /** The next `times` requests matching method (any when omitted) and the splunkd path regex answer `status` with `text`. */
    fail: (failure) => failures.push({ times: 1, text: 'stand-in failure', ...failure }),
    /**
     * Stops the server. The browser outlives each test and may keep a connection to it open (idle
     * keep-alive, or a request the page left pending when it closed): close them too, or close()
     * waits for them (an afterEach hook timed out under load).
     */
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}
