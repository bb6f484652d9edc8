import type { EventView } from '../events/eventView';
import type { Match } from './combine';
import { accountMatch } from './context';
import { Evidence, field, NOTHING } from './evidence';
import { relayDomain } from './networkSignals';

/**
 * Web proxy data mapped to the CIM Web data model (`url`, `http_method`, `http_user_agent`, `src`,
 * `dest`, `user`; `Web.*` from tstats). In Web data `dest` is the server and `src` the endpoint
 * (Splunk CIM manual, Web), unlike the process events' `dest` (the host the event is from).
 *
 * With TLS inspection the proxy logs the management API's URL, and a tunnel HOST asks for its
 * tunnel with `tokenScopes=host` (microsoft/vscode cli/src/tunnels/dev_tunnels.rs
 * HOST_TUNNEL_REQUEST_OPTIONS; clients ask for `connect`); without it only `CONNECT host:443` is
 * seen, which names the relay but not which side this endpoint is on.
 */

/** The host of a URL (`https://h:443/p?q`) or of a CONNECT target (`h:443`), lower case. */
export function urlHost(url: string): string {
  let rest = url.trim();
  const scheme = rest.indexOf('://');
  if (scheme >= 0) rest = rest.slice(scheme + 3);
  let end = rest.length;
  for (const stop of ['/', '?', '#']) {
    const at = rest.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  rest = rest.slice(0, end);
  const at = rest.lastIndexOf('@');
  if (at >= 0) rest = rest.slice(at + 1);
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && !rest.startsWith('[')) rest = rest.slice(0, colon);
  return rest.toLowerCase();
}

/** Values of the `tokenScopes` query parameter(s), URL-decoded, split at commas, lower case. */
export function tokenScopes(url: string): string[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const scopes: string[] = [];
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).toLowerCase() !== 'tokenscopes') continue;
    let value = pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value.split('+').join(' '));
    } catch {
      // A malformed escape: read the value as it is.
    }
    for (const scope of value.split(',')) if (scope.trim() !== '') scopes.push(scope.trim().toLowerCase());
  }
  return scopes;
}

/** User agent of the VS Code tunnel CLI (cli/src/constants.rs get_default_user_agent: `vscode-server-launcher/<version>`). */
function isTunnelCliAgent(userAgent: string): boolean {
  const ua = userAgent.toLowerCase();
  return ua.startsWith('vscode-server-launcher/') || ua.includes(' vscode-server-launcher/');
}

/** Visual Studio's own dev tunnels (ServiceHub hosts): user agents naming VisualStudio or ServiceHub. */
function isVisualStudioAgent(userAgent: string): boolean {
  const ua = userAgent.toLowerCase();
  return ua.includes('visualstudio') || ua.includes('servicehub');
}

/**
 * CIM Web events to the Dev Tunnels service (`tunnels.api.visualstudio.com`, `devtunnels.ms`):
 * `web.tunnel-host` when the URL asks for `tokenScopes=host` (TLS inspection: this endpoint hosts a
 * tunnel), else `web.tunnel-relay` (host name and port only, or a client). The tunnel CLI's user
 * agent raises; a browser's or Visual Studio's lowers (a user agent is what the client says it is).
 */
export function webEvidence(event: EventView): Evidence {
  const url = field(event, 'Url');
  const host = urlHost(url) || urlHost(field(event, 'WebDest'));
  const domain = host === '' ? undefined : relayDomain(host);
  if (!domain) return NOTHING;
  const userAgent = field(event, 'HttpUserAgent');
  const matches: Match[] = [tokenScopes(url).includes('host') ? { id: 'web.tunnel-host', value: host } : { id: 'web.tunnel-relay', value: host }];
  let tool: Evidence['tool'] = domain === 'devtunnels.ms' ? 'devtunnel' : '';
  if (isTunnelCliAgent(userAgent)) {
    matches.push({ id: 'web.tunnel-cli-agent', value: userAgent });
    tool = 'vscode';
  } else if (isVisualStudioAgent(userAgent)) matches.push({ id: 'web.ide-agent', value: userAgent });
  else if (userAgent.toLowerCase().startsWith('mozilla/')) matches.push({ id: 'asker.browser', value: 'user agent Mozilla/...' });
  const account = accountMatch(field(event, 'User'));
  if (account) matches.push(account);
  return { matches, tool };
}
