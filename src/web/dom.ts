/**
 * Small DOM helpers shared by the pages: elements built with text nodes only (values from splunkd
 * or the user never go through innerHTML), waiting for the view's placeholder, and status lines.
 */
import { formKey, splunkWebContext, type SplunkWebConfig } from './splunkWeb';
import { RestError, SplunkRest } from './rest';

type Child = Node | string | null | undefined | false;

/** Creates `<tag>` with attributes (`class`, `id`, `for`, data-*, aria-*, ...) and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/**
 * Resolves with the element `id` once it is in the document. Simple XML renders the view's
 * `<html>` panel and loads `script=` files in an order Splunk Web does not promise, so wait for it.
 */
export function whenElement(id: string): Promise<HTMLElement> {
  return new Promise((resolve) => {
    const found = document.getElementById(id);
    if (found) return resolve(found);
    const observer = new MutationObserver(() => {
      const node = document.getElementById(id);
      if (node) {
        observer.disconnect();
        resolve(node);
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  });
}

/** The REST client for this page, from its URL, Splunk Web's `$C` and the CSRF cookie. */
export function pageRest(fallbackApp: string): SplunkRest {
  const config = (window as unknown as { $C?: SplunkWebConfig }).$C;
  const context = splunkWebContext(window.location, config, fallbackApp);
  return new SplunkRest(context, () => formKey(document.cookie, context.port));
}

/** A status line: `info` while working, `success`, `warning` or `error` (announced to screen readers). */
export function setStatus(node: HTMLElement, kind: 'info' | 'success' | 'warning' | 'error', text: string): void {
  node.className = `idt-status idt-status-${kind}`;
  node.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  node.textContent = text;
  node.hidden = text === '';
}

/** What the page says about a failed call: splunkd's words plus what a 403 / 404 / no reply usually means. */
export function describeError(error: unknown): string {
  if (!(error instanceof RestError)) return error instanceof Error ? error.message : String(error);
  const hint =
    error.status === 403
      ? ' Your role lacks the permission for this; ask a Splunk admin.'
      : error.status === 404
        ? ' splunkd does not know this object: is the IDE Tunnel Detection app installed and enabled?'
        : error.status === 401
          ? ' Your Splunk Web session has ended or its form key is stale: reload the page and sign in again.'
          : error.status === 0
            ? ' Check that Splunk Web is running, then retry.'
            : '';
  return `${error.message}.${hint}`;
}
