/**
 * A static HTTP server on 127.0.0.1 for the render check's pages: `/<view>.html` (the page with its
 * test definition), `/page.js`, `/page.css`. Anything else (Splunk Web and splunkd paths the
 * dashboard framework asks for) gets 404 and is recorded, so the check can report what a view
 * tried to reach.
 */
import { createServer } from 'node:http';

/**
 * splunkd answers the framework needs to draw its inputs: the user's context (@splunk/dashboard-core
 * 29.6 and the time range picker read its capabilities for real-time presets) and the time range
 * presets (times.conf). Shapes: Splunk REST API reference, GET authentication/current-context and
 * GET data/ui/times, output_mode=json. Paths are matched after Splunk Web's splunkd proxy prefix.
 */
const CURRENT_CONTEXT = { entry: [{ name: 'analyst', content: { username: 'analyst', realname: 'SOC analyst', roles: ['user'], capabilities: ['search', 'rtsearch', 'schedule_search'], tz: 'UTC' } }] };
const preset = (name, label, earliest, order) => ({ name, content: { label, earliest_time: earliest, latest_time: 'now', order, disabled: false } });
const TIMES = { entry: [preset('last_24h', 'Last 24 hours', '-24h@h', 10), preset('last_7d', 'Last 7 days', '-7d@h', 20), preset('last_30d', 'Last 30 days', '-30d@d', 30)] };
const SPLUNKD_STUBS = [
  [/^(\/en-US\/splunkd\/__raw)?\/services(NS\/[^/]+\/[^/]+)?\/authentication\/current-context$/, CURRENT_CONTEXT],
  [/^\/en-US\/splunkd\/__raw\/services(NS\/[^/]+\/[^/]+)?\/data\/ui\/times$/, TIMES],
];

/**
 * @param {Map<string, { type: string, body: string | Buffer }>} files path -> content
 * @returns {Promise<{ url: string, unknown: string[], close(): Promise<void> }>}
 */
export async function serve(files) {
  const unknown = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const stub = SPLUNKD_STUBS.find(([pattern]) => pattern.test(path))?.[1];
    if (stub) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stub));
      return;
    }
    const file = files.get(path);
    if (!file) {
      unknown.push(`${req.method} ${req.url}`);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"messages":[{"type":"ERROR","text":"not served by the render check"}]}');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, unknown, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
