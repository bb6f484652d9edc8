/**
 * Where this page sits in Splunk Web and how it reaches splunkd through it. Pure functions over the
 * page's URL, cookies and Splunk Web's `$C` config object, so they run in Node tests too.
 *
 * Splunk Web serves an app view at `<root endpoint>/<locale>/app/<app>/<view>` and proxies splunkd's
 * REST API at `<root endpoint>/<locale>/splunkd/__raw/<splunkd path>`; a state-changing request must
 * carry the form key from the `splunkweb_csrf_token_<Splunk Web port>` cookie in the
 * `X-Splunk-Form-Key` header (web.conf `root_endpoint`; Splunk Web's splunk.util `getFormKey`;
 * splunk-sdk lib/platform/client/proxy_http.js `SplunkWebHttp` uses the same proxy path).
 */

/** The parts of Splunk Web's `window.$C` config (`/<locale>/config?autoload=1`) the pages read. */
export interface SplunkWebConfig {
  LOCALE?: string;
  /** web.conf root_endpoint, e.g. "" or "/splunk". */
  MRSPARKLE_ROOT_PATH?: string;
  MRSPARKLE_PORT_NUMBER?: string | number;
}

/** Where the page is and how to reach splunkd. */
export interface SplunkWebContext {
  /** Root endpoint without a trailing slash: "" or e.g. "/splunk". */
  root: string;
  /** Splunk Web locale from the URL, e.g. "en-US", "ja-JP". */
  locale: string;
  /** The app the page belongs to (its URL's app segment). */
  app: string;
  /** Splunk Web's port (names the CSRF cookie). */
  port: string;
  /** `<root>/<locale>/splunkd/__raw`: prefix of splunkd paths through Splunk Web. */
  proxyPrefix: string;
}

const VIEW_PATH = /^(.*?)\/([a-z]{2}(?:[-_][A-Za-z]{2,4})?)\/app\/([^/]+)(?:\/|$)/;

/**
 * Reads the page's place in Splunk Web.
 * @param location the page's `window.location` (pathname, port, protocol)
 * @param config Splunk Web's `window.$C` when present (it wins over the URL for root and locale)
 * @param fallbackApp app name when the URL has none
 */
export function splunkWebContext(
  location: { pathname: string; port: string; protocol: string },
  config: SplunkWebConfig | undefined,
  fallbackApp: string,
): SplunkWebContext {
  const match = VIEW_PATH.exec(location.pathname);
  const root = trimSlashes(config?.MRSPARKLE_ROOT_PATH ?? match?.[1] ?? '');
  const locale = config?.LOCALE ?? match?.[2] ?? 'en-US';
  const app = match ? decodeURIComponent(match[3]) : fallbackApp;
  const port = String(config?.MRSPARKLE_PORT_NUMBER ?? (location.port || (location.protocol === 'https:' ? '443' : '80')));
  return { root, locale, app, port, proxyPrefix: `${root}/${locale}/splunkd/__raw` };
}

/** `path` with one leading slash and no trailing ones ("" stays ""); a loop, not /\/+$/, which is quadratic on many slashes. */
function trimSlashes(path: string): string {
  let start = 0;
  let end = path.length;
  while (start < end && path[start] === '/') start++;
  while (end > start && path[end - 1] === '/') end--;
  return start === end ? '' : `/${path.slice(start, end)}`;
}

/**
 * The form key Splunk Web expects in `X-Splunk-Form-Key`: the value of the
 * `splunkweb_csrf_token_<port>` cookie, or undefined when there is none.
 * @param cookieHeader `document.cookie` ("a=1; b=2")
 */
export function formKey(cookieHeader: string, port: string): string | undefined {
  const name = `splunkweb_csrf_token_${port}`;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
