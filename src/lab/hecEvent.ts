import type { SourceEvent } from '../readers/sourceEvent';

/**
 * One event as HTTP Event Collector's `/services/collector/event` endpoint takes it: the event itself
 * plus metadata (Splunk docs, "Format events for HTTP Event Collector"). `time` is epoch seconds
 * (milliseconds as decimals); HEC does not parse a timestamp out of the event on this endpoint, so
 * `time` becomes `_time`.
 */
export interface HecEvent {
  /** XML events: the `<Event>` text (becomes `_raw`); JSON/CSV events: the field record (searched with KV_MODE=json). */
  event: string | Record<string, string>;
  time?: number;
  host?: string;
  source: string;
  sourcetype: string;
  index?: string;
}

/** Sourcetype of XML events: the Splunk Add-on for Microsoft Windows / Sysmon add-on's `renderXml=true` sourcetype. */
export const XML_SOURCETYPE = 'XmlWinEventLog';
/** Sourcetype of JSON and CSV events: Splunk's built-in `_json` (search-time JSON field extraction). */
export const JSON_SOURCETYPE = '_json';
/**
 * Sourcetypes of JSON events that keep their own sourcetype on replay (the readers set it from the
 * file's content, readers/jsonEvents.ts identitySourcetype): Entra ID sign-ins as the Splunk Add-on
 * for Microsoft Cloud Services indexes them, GitHub audit entries as the Splunk Add-on for GitHub does.
 * Any other JSON or CSV record is sent as `_json`.
 */
export const JSON_BODY_SOURCETYPES: ReadonlySet<string> = new Set(['azure:monitor:aad', 'github:cloud:audit', 'github:enterprise:audit']);
/** Channel assumed for an XML event without `<Channel>` (Sysmon is what the detections read). */
const DEFAULT_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';

/** `--index`, `--host`, `--sourcetype` given on the command line; each replaces the per-event value. */
export interface MetadataOverrides {
  index?: string;
  host?: string;
  sourcetype?: string;
}

/**
 * The source the Windows add-ons give an event of a channel: `XmlWinEventLog:<Channel>`, e.g.
 * `XmlWinEventLog:Microsoft-Windows-Sysmon/Operational` (the Sysmon add-on's key) or
 * `XmlWinEventLog:Security`.
 */
export function xmlSource(channel: string | undefined): string {
  return `XmlWinEventLog:${channel && channel.trim() !== '' ? channel.trim() : DEFAULT_CHANNEL}`;
}

/** The source of a JSON/CSV event: `idetunnel:replay:<file name>`, so replayed records can be told apart. */
export function jsonSource(file: string): string {
  return `idetunnel:replay:${file.split(/[\\/]/).pop() ?? file}`;
}

/** An event's own time in epoch seconds (from the readers' `_time`), or undefined when it has none. */
export function eventTime(event: SourceEvent): number | undefined {
  const text = event.fields._time;
  if (text === undefined) return undefined;
  const seconds = Number(text);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * Builds the HEC event for one source event.
 * - XML (the reader kept `raw`): the `<Event>` text as `event`, line breaks between elements of a
 *   pretty-printed export removed so it matches XmlWinEventLog's one-line form; sourcetype and source
 *   from the event's own `sourcetype`/`source` fields when it has them (corpus cases), else
 *   `XmlWinEventLog` and the source of its `Channel`.
 * - JSON/CSV: the flat field record without `_time`, `source`, `sourcetype` and `index`; sourcetype
 *   the record's own when it is one of {@link JSON_BODY_SOURCETYPES} (Entra ID sign-ins, GitHub audit
 *   entries: each data file keeps its own), else `_json`; source `idetunnel:replay:<file>`.
 * `time` is the event's time plus `shiftSeconds` (0 keeps it); an event without a time gets `fallbackTime`.
 * Host is the event's `host` (the XML `Computer`); overrides win over everything.
 */
export function toHecEvent(event: SourceEvent, shiftSeconds: number, fallbackTime: number | undefined, overrides: MetadataOverrides): HecEvent {
  const own = eventTime(event);
  const time = own !== undefined ? round3(own + shiftSeconds) : fallbackTime;
  const f = event.fields;
  let body: HecEvent;
  if (event.raw !== undefined) {
    body = { event: joinTagLines(event.raw), source: f.source ?? xmlSource(f.Channel), sourcetype: f.sourcetype ?? XML_SOURCETYPE };
  } else {
    const record: Record<string, string> = {};
    for (const [key, value] of Object.entries(f)) if (!NOT_IN_RECORD.has(key)) record[key] = value;
    body = { event: record, source: jsonSource(event.file), sourcetype: JSON_BODY_SOURCETYPES.has(f.sourcetype ?? '') ? (f.sourcetype as string) : JSON_SOURCETYPE };
  }
  if (time !== undefined) body.time = time;
  const host = overrides.host ?? f.host;
  if (host !== undefined) body.host = host;
  if (overrides.sourcetype !== undefined) body.sourcetype = overrides.sourcetype;
  if (overrides.index !== undefined) body.index = overrides.index;
  return body;
}

/** Keys of a JSON record that are HEC metadata, not event fields. */
const NOT_IN_RECORD = new Set(['_time', 'source', 'sourcetype', 'index']);

/** Seconds rounded to milliseconds (HEC keeps three decimals). */
function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * Removes white space that holds a line break between two tags (`>\n  <` -> `><`), so a pretty-printed
 * event becomes the one-line `_raw` Splunk indexes. One linear pass: the previous pattern
 * `/>\s*[\r\n]\s*</` backtracked quadratically on a long run of line breaks (test/hardening/patterns).
 */
function joinTagLines(xml: string): string {
  return xml.replace(/>(\s*)</g, (whole, space: string) => (space.includes('\n') || space.includes('\r') ? '><' : whole));
}

