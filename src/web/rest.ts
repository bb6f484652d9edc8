/**
 * The splunkd REST calls the setup and allowlist pages make, through splunk-sdk's `Service` over
 * {@link createFetchHttp} (Splunk Web's proxy). Paths and reply shapes: Splunk REST API reference
 * (configs/conf-<file>, data/indexes, search/jobs exec_mode=oneshot, storage/collections/data and
 * config, authentication/current-context, apps/local/<app>/_reload), all with output_mode=json.
 * Namespaced calls go to servicesNS/nobody/<app>, so macros land in the app's local/macros.conf and
 * KV store rows in the app's collections.
 */
import { Logger } from 'splunk-sdk/lib/log';
import Service from 'splunk-sdk/lib/service';
import { createFetchHttp, TransportError } from './fetchHttp';
import type { SplunkWebContext } from './splunkWeb';

/** A splunkd refusal or failure: HTTP status, splunkd's messages, and what the page was doing. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly what: string,
  ) {
    super(`${what} failed: ${status === 0 ? 'no reply from Splunk Web' : `HTTP ${status}`}${messages.length > 0 ? `: ${messages.join('; ')}` : ''}`);
    this.name = 'RestError';
  }
}

/** Who is signed in (authentication/current-context). */
export interface CurrentUser {
  username: string;
  roles: string[];
}

/** A KV store collection's ACL as splunkd reports it for the current user. */
export interface CollectionAcl {
  canWrite: boolean;
  /** Roles with write permission (metadata `access = write : [...]`). */
  writeRoles: string[];
}

/** One search result row: field name -> value (multivalue fields as arrays). */
export type ResultRow = Record<string, string | string[]>;

interface SdkService {
  get(path: string, params: Record<string, unknown>): Promise<{ data: unknown }>;
  post(path: string, params: Record<string, unknown>): Promise<{ data: unknown }>;
  del(path: string, params: Record<string, unknown>): Promise<{ data: unknown }>;
  request(path: string, method: string, query: Record<string, unknown>, post: Record<string, unknown>, body: string, headers: Record<string, string>): Promise<{ data: unknown }>;
}

interface Entry {
  name?: string;
  content?: Record<string, unknown>;
  acl?: { can_write?: boolean | string; perms?: { write?: string[] | string } };
}

/** splunkd's `messages[].text` out of an error reply (JSON), or the reply text itself. */
function messagesOf(data: unknown): string[] {
  if (data && typeof data === 'object' && Array.isArray((data as { messages?: unknown }).messages)) {
    return ((data as { messages: { text?: string }[] }).messages ?? []).map((m) => String(m.text ?? '')).filter((t) => t !== '');
  }
  if (typeof data === 'string' && data.trim() !== '') return [data.trim().slice(0, 300)];
  return [];
}

function entries(data: unknown): Entry[] {
  return ((data as { entry?: Entry[] } | undefined)?.entry ?? []) as Entry[];
}

/** The REST client of one page. */
export class SplunkRest {
  private readonly service: SdkService;

  /**
   * @param context the page's place in Splunk Web (splunkWebContext)
   * @param readFormKey returns the current CSRF form key (read at each request: Splunk Web may renew the cookie)
   */
  constructor(
    readonly context: SplunkWebContext,
    readFormKey: () => string | undefined,
  ) {
    // splunkd's messages reach the user through RestError; the SDK would also print them to the console.
    Logger.setLevel('NONE');
    // The SDK builds https://localhost:8089/<path>; fetchHttp swaps the origin for Splunk Web's proxy prefix.
    this.service = new Service(createFetchHttp(context, readFormKey), { scheme: 'https', host: 'localhost', port: 8089, owner: 'nobody', app: context.app }) as unknown as SdkService;
  }

  private async call<T>(what: string, run: () => Promise<{ data: unknown }>): Promise<T> {
    try {
      return (await run()).data as T;
    } catch (error) {
      if (error instanceof TransportError) throw new RestError(0, [error.message], what);
      if (error && typeof error === 'object' && 'status' in error) {
        const failed = error as { status: number; data?: unknown };
        throw new RestError(Number(failed.status) || 0, messagesOf(failed.data), what);
      }
      throw error;
    }
  }

  /** The signed-in user and roles. */
  async currentUser(): Promise<CurrentUser> {
    const data = await this.call('Reading who you are', () => this.service.get('/services/authentication/current-context', {}));
    const content = entries(data)[0]?.content ?? {};
    return { username: String(content.username ?? ''), roles: ((content.roles as string[] | undefined) ?? []).map(String) };
  }

  /** A macro's definition in the app's namespace (configs/conf-macros/<name>). */
  async macroDefinition(name: string): Promise<string> {
    const data = await this.call(`Reading macro ${name}`, () => this.service.get(`configs/conf-macros/${encodeURIComponent(name)}`, {}));
    return String(entries(data)[0]?.content?.definition ?? '');
  }

  /** Writes a macro's definition in the app's namespace (local/macros.conf of the app). */
  async setMacroDefinition(name: string, definition: string): Promise<void> {
    await this.call(`Saving macro ${name}`, () => this.service.post(`configs/conf-macros/${encodeURIComponent(name)}`, { definition }));
  }

  /** Names of the event indexes the user can see (data/indexes), sorted, internal (`_`) ones last. */
  async eventIndexes(): Promise<string[]> {
    const data = await this.call('Listing indexes', () => this.service.get('/services/data/indexes', { count: 0, datatype: 'event' }));
    const names = entries(data)
      .filter((e) => String(e.content?.disabled ?? 'false') !== 'true' && e.content?.disabled !== true)
      .map((e) => String(e.name ?? ''))
      .filter((n) => n !== '');
    return [...new Set(names)].sort((a, b) => Number(a.startsWith('_')) - Number(b.startsWith('_')) || a.localeCompare(b));
  }

  /**
   * Runs one search to completion in the app's namespace (search/jobs, exec_mode=oneshot) and returns its rows.
   * @param search full SPL (starts with `search` or `|`)
   * @param earliest Splunk time modifier, e.g. `-24h`
   * @param count most rows returned
   */
  async oneshot(what: string, search: string, earliest: string, count: number): Promise<ResultRow[]> {
    const data = await this.call<{ results?: ResultRow[] }>(what, () =>
      this.service.post('search/jobs', { search, exec_mode: 'oneshot', earliest_time: earliest, latest_time: 'now', count }),
    );
    return data?.results ?? [];
  }

  /** Marks the app configured (app.conf `[install] is_configured = true`) and reloads it. */
  async markConfiguredAndReload(): Promise<void> {
    await this.call('Marking the app configured', () => this.service.post('configs/conf-app/install', { is_configured: 'true' }));
    await this.call('Reloading the app', () => this.service.get(`/services/apps/local/${encodeURIComponent(this.context.app)}/_reload`, {}));
  }

  /** The current user's rights on a KV store collection (storage/collections/config/<name>). */
  async collectionAcl(collection: string): Promise<CollectionAcl> {
    const data = await this.call(`Reading the permissions of ${collection}`, () => this.service.get(`storage/collections/config/${encodeURIComponent(collection)}`, {}));
    const acl = entries(data)[0]?.acl ?? {};
    const write = acl.perms?.write ?? [];
    return { canWrite: acl.can_write === true || acl.can_write === 'true' || acl.can_write === '1', writeRoles: (Array.isArray(write) ? write : [write]).map(String) };
  }

  /** Every row of a KV store collection (storage/collections/data/<name>), optionally sorted / limited (KV store `sort`, `limit`). */
  async kvRows<T>(collection: string, options: { sort?: string; limit?: number } = {}): Promise<T[]> {
    const query: Record<string, unknown> = {};
    if (options.sort) query.sort = options.sort;
    if (options.limit) query.limit = options.limit;
    const data = await this.call<T[]>(`Reading ${collection}`, () => this.service.get(`storage/collections/data/${encodeURIComponent(collection)}`, query));
    return Array.isArray(data) ? data : [];
  }

  /** Inserts a row (`key` undefined) or replaces the row `key`; returns the row's `_key`. */
  async kvSave(collection: string, row: Record<string, string>, key?: string): Promise<string> {
    const path = `storage/collections/data/${encodeURIComponent(collection)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;
    const data = await this.call<{ _key?: string }>(`Saving to ${collection}`, () =>
      this.service.request(path, 'POST', {}, {}, JSON.stringify(row), { 'Content-Type': 'application/json' }),
    );
    return String(data?._key ?? key ?? '');
  }

  /** Deletes the row `key`. */
  async kvDelete(collection: string, key: string): Promise<void> {
    await this.call(`Deleting from ${collection}`, () => this.service.del(`storage/collections/data/${encodeURIComponent(collection)}/${encodeURIComponent(key)}`, {}));
  }
}
