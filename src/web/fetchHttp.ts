/**
 * splunk-sdk's `Http` (lib/http.js) over the browser's fetch, through Splunk Web's splunkd proxy.
 *
 * The SDK's own `SplunkWebHttp` needs a global jQuery `$.ajax`, hard-codes the `/en-US/splunkd/__raw`
 * prefix and sends no CSRF header; this class replaces its `makeRequest` only: it strips the SDK's
 * `scheme://host:port` from the URL, prefixes the proxy path of the page's root endpoint and locale,
 * and sends `X-Splunk-Form-Key` on every request (Splunk Web refuses POST and DELETE without it).
 */
import Http, { SdkRequestMessage, SdkResponse } from 'splunk-sdk/lib/http';
import type { SplunkWebContext } from './splunkWeb';

/** A request that never got an HTTP reply (network down, Splunk Web restarting, timeout). */
export class TransportError extends Error {
  readonly status = 0;
  constructor(readonly url: string, cause: string) {
    super(`no reply from Splunk Web for ${url}: ${cause}`);
    this.name = 'TransportError';
  }
}


function defineFetchHttp() {
  return Http.extend({
    init(this: { _super(): void; context: SplunkWebContext; readFormKey: () => string | undefined }, context: SplunkWebContext, readFormKey: () => string | undefined) {
      this.context = context;
      this.readFormKey = readFormKey;
      this._super();
    },

    makeRequest(
      this: { context: SplunkWebContext; readFormKey: () => string | undefined; _buildResponse(error: unknown, response: unknown, data: unknown): SdkResponse },
      url: string,
      message: SdkRequestMessage,
    ): Promise<SdkResponse> {
      const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
      const headers: Record<string, string> = { ...message.headers, 'X-Requested-With': 'XMLHttpRequest' };
      delete headers.Authorization; // Splunk Web authenticates with its session cookie
      const key = this.readFormKey();
      if (key) headers['X-Splunk-Form-Key'] = key;
      const controller = new AbortController();
      const timer = message.timeout ? setTimeout(() => controller.abort(), message.timeout) : undefined;
      const target = this.context.proxyPrefix + path;
      return fetch(target, {
        method: message.method,
        headers,
        body: message.method === 'GET' || message.method === 'HEAD' ? undefined : message.body,
        credentials: 'same-origin',
        signal: controller.signal,
      })
        .then(async (res) => {
          const text = await res.text();
          const responseHeaders: Record<string, string> = {};
          res.headers.forEach((value, name) => {
            responseHeaders[name.toLowerCase()] = value;
          });
          return this._buildResponse(res.ok ? null : res.statusText, { statusCode: res.status, headers: responseHeaders }, text);
        })
        .catch((error: unknown) => {
          if (error instanceof TransportError) throw error;
          throw new TransportError(target, error instanceof Error ? error.message : String(error));
        })
        .finally(() => clearTimeout(timer));
    },

    parseJson(json: string): unknown {
      return JSON.parse(json);
    },
  }) as unknown as new (context: SplunkWebContext, readFormKey: () => string | undefined) => object;
}

let FetchHttpClass: ReturnType<typeof defineFetchHttp> | undefined;

/** A splunk-sdk Http that sends its requests through Splunk Web at `context`, with the form key `readFormKey()` returns at send time. */
export function createFetchHttp(context: SplunkWebContext, readFormKey: () => string | undefined): object {
  FetchHttpClass ??= defineFetchHttp();
  return new FetchHttpClass(context, readFormKey);
}
