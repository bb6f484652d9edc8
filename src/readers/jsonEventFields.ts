/**
 * Field flattening of JSON events: one parsed JSON document in, the flat Splunk-style field record
 * out. The only place that knows JSON event shapes; the reader (jsonEvents.ts) only splits documents.
 */
import { addFlattened } from '../events/jsonFields';

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return scalar((value as Record<string, unknown>)['#text']);
  return undefined;
}

function attribute(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const n = node as Record<string, unknown>;
  const attributes = (n['#attributes'] ?? n['@attributes'] ?? n) as Record<string, unknown>;
  return scalar(attributes[name]);
}

function merge(target: Record<string, string>, source: unknown): void {
  if (typeof source === 'string') {
    try {
      source = JSON.parse(source);
    } catch {
      return;
    }
  }
  if (!source || typeof source !== 'object') return;
  for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
    const text = scalar(value);
    if (text !== undefined) target[key] = text;
  }
}

/**
 * Flattens one JSON event into Splunk-style fields: nested objects and arrays become dotted names as
 * Splunk's JSON extraction gives them (`properties.status.errorCode`, `a{}.b`; src/events/jsonFields.ts),
 * and identity-plane documents without a sourcetype get the one their add-on would give
 * ({@link identitySourcetype}). Accepted shapes:
 * - Sysmon fields at top level (HELK/nxlog, Winlogbeat-style flattening), `EventData` optionally an
 *   object or a JSON string;
 * - `{"Event": {"System": {...}, "EventData": {...}}}` as evtx converters (evtx_dump, python-evtx to
 *   JSON) write it, attributes under `#attributes`.
 * `EventCode` comes from EventCode/EventID, `host` from Hostname/Computer/host, `_time` (epoch seconds)
 * from _time, TimeCreated/SystemTime, UtcTime (Sysmon, UTC), @timestamp or `time` (Azure records).
 */
export function jsonEventFields(document: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  const event = document.Event as Record<string, unknown> | undefined;
  let timeText: string | undefined;
  if (event && typeof event === 'object' && ('System' in event || 'EventData' in event)) {
    const system = (event.System ?? {}) as Record<string, unknown>;
    merge(fields, event.EventData);
    merge(fields, event.UserData && typeof event.UserData === 'object' ? Object.values(event.UserData)[0] : undefined);
    const eventId = scalar(system.EventID);
    if (eventId !== undefined) fields.EventCode = eventId;
    const computer = scalar(system.Computer);
    if (computer !== undefined) fields.host = computer;
    const channel = scalar(system.Channel);
    if (channel !== undefined) fields.Channel = channel;
    timeText = attribute(system.TimeCreated, 'SystemTime');
  } else {
    merge(fields, document);
    for (const [key, value] of Object.entries(document)) {
      if (value !== null && typeof value === 'object' && !NOT_FLATTENED.has(key) && scalar(value) === undefined) addFlattened(fields, key, value);
    }
    merge(fields, document.EventData);
    if (fields.EventCode === undefined && fields.EventID !== undefined) fields.EventCode = fields.EventID;
    const host = fields.Hostname ?? fields.Computer ?? fields.host;
    if (host !== undefined) fields.host = host;
  }
  if (fields.sourcetype === undefined) {
    const sourcetype = identitySourcetype(document);
    if (sourcetype !== undefined) fields.sourcetype = sourcetype;
  }
  if (fields._time === undefined) {
    const candidate = timeText ?? fields.UtcTime ?? fields['@timestamp'] ?? fields.TimeCreated ?? fields.time;
    const seconds = candidate === undefined ? undefined : epochSeconds(candidate);
    if (seconds !== undefined) fields._time = seconds;
  }
  return fields;
}

/** Top-level members that are not flattened into dotted fields (their fields are merged as they are). */
const NOT_FLATTENED = new Set(['EventData', 'Event', 'UserData']);

/** Entra ID categories of user sign-ins (Azure Monitor diagnostic settings). */
const SIGN_IN_CATEGORIES = new Set(['SignInLogs', 'NonInteractiveUserSignInLogs']);

/**
 * The sourcetype Splunk would give an identity-plane document that carries none, so the CLI, the
 * eval and `idetunnel replay` treat it as the add-ons would: an Entra ID sign-in record (diagnostic
 * settings shape: `category` SignInLogs / NonInteractiveUserSignInLogs and a `properties` object) is
 * `azure:monitor:aad` (Splunk Add-on for Microsoft Cloud Services); a GitHub audit-log entry
 * (`action`, `actor` and `_document_id` or `@timestamp`, as the audit log API and its JSON export write
 * them) is `github:cloud:audit` (Splunk Add-on for GitHub). Undefined otherwise.
 */
export function identitySourcetype(document: Record<string, unknown>): string | undefined {
  const properties = document.properties;
  if (typeof document.category === 'string' && SIGN_IN_CATEGORIES.has(document.category) && properties !== null && typeof properties === 'object') return 'azure:monitor:aad';
  if (typeof document.action === 'string' && typeof document.actor === 'string' && ('_document_id' in document || '@timestamp' in document)) return 'github:cloud:audit';
  return undefined;
}

/**
 * ISO 8601, Sysmon `YYYY-MM-DD HH:MM:SS.fff` (UTC) or epoch seconds to epoch seconds text; 13-digit
 * epoch milliseconds (GitHub's `@timestamp`) are divided by 1000. Undefined if unparseable.
 */
function epochSeconds(text: string): string | undefined {
  if (/^\d{13}$/.test(text)) return String(Number(text) / 1000);
  if (/^\d+(\.\d+)?$/.test(text)) return text;
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : String(ms / 1000);
}
