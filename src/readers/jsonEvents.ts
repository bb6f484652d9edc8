import { addFlattened } from '../events/jsonFields';
import { BytesRead, countNewlines, InputError, readTextPieces, SourceEvent } from './sourceEvent';

/**
 * Reads events as JSON: JSON Lines, a JSON array of events, or pretty-printed documents one after
 * another (as SigmaHQ's regression data stores them). Each top-level object is one event, in one of
 * the shapes evtx and log shippers write (see {@link jsonEventFields}). Streams the file.
 *
 * @throws InputError naming the file and line of a document that is not valid JSON or not an object
 */
export async function* readJsonEvents(file: string, onBytes?: BytesRead): AsyncGenerator<SourceEvent> {
  const scanner = new TopLevelJsonScanner();
  let line = 1;
  for await (const piece of readTextPieces(file, onBytes)) {
    let docs;
    try {
      docs = scanner.push(piece);
    } catch (error) {
      if (error instanceof JsonScanError) throw new InputError(file, line + error.lineOffset, error.message);
      throw error;
    }
    for (const doc of docs) {
      const docLine = line + doc.lineOffset;
      yield { fields: parseDocument(doc.text, file, docLine), file, line: docLine };
    }
    line += scanner.takeLines();
  }
  const rest = scanner.rest().trim();
  if (rest !== '' && rest !== ']') throw new InputError(file, line, 'the file ends inside a JSON document');
}

function parseDocument(text: string, file: string, line: number): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, line, `not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(file, line, 'a JSON event must be an object');
  }
  return jsonEventFields(value as Record<string, unknown>);
}

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

/** Characters allowed between top-level objects: white space and the brackets/commas of an array. */
const BETWEEN_DOCUMENTS = new Set([0x20, 0x09, 0x0a, 0x0d, 0x5b, 0x5d, 0x2c, 0xfeff]);

class JsonScanError extends Error {
  constructor(
    message: string,
    readonly lineOffset: number,
  ) {
    super(message);
  }
}

/**
 * Splits a stream of text into top-level JSON objects (skipping array brackets and commas between
 * them), tracking strings and escapes so braces inside strings do not count.
 */
class TopLevelJsonScanner {
  private buffer = '';
  private scanned = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private linesDone = 0;

  push(piece: string): { text: string; lineOffset: number }[] {
    this.buffer += piece;
    const docs: { text: string; lineOffset: number }[] = [];
    const b = this.buffer;
    let i = this.scanned;
    for (; i < b.length; i++) {
      const c = b.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
        continue;
      }
      if (this.depth === 0 && c !== 0x7b && !BETWEEN_DOCUMENTS.has(c)) {
        throw new JsonScanError(`unexpected ${JSON.stringify(b[i])} between JSON objects`, countNewlines(b, 0, i));
      }
      if (c === 0x22) {
        this.inString = true;
      } else if (c === 0x7b) {
        if (this.depth === 0) this.start = i;
        this.depth++;
      } else if (c === 0x7d) {
        this.depth--;
        if (this.depth === 0) {
          docs.push({ text: b.slice(this.start, i + 1), lineOffset: countNewlines(b, 0, this.start) });
          this.start = -1;
        }
      }
    }
    this.scanned = i;
    const keepFrom = this.start >= 0 ? this.start : b.length;
    this.linesDone = countNewlines(b, 0, keepFrom);
    this.buffer = b.slice(keepFrom);
    this.scanned -= keepFrom;
    if (this.start >= 0) this.start = 0;
    return docs;
  }

  /** Lines consumed from the buffer since the last call (so the caller can keep a line count). */
  takeLines(): number {
    const n = this.linesDone;
    this.linesDone = 0;
    return n;
  }

  rest(): string {
    return this.buffer;
  }
}
