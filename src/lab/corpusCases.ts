import { createReadStream } from 'fs';
import { createInterface } from 'readline';
import { InputError, SourceEvent } from '../readers/sourceEvent';
import { renderEventXml } from './eventXml';

/**
 * One case of the labelled corpus (test/corpus/README.md): `{"id", "label": "positive"|"noise",
 * "category", "source", "note", "expect"?, "event": {fields as Splunk extracts them, with host,
 * source, sourcetype and _time (ISO 8601)}}`, one per line.
 */
export interface CorpusCase {
  id: string;
  label: 'positive' | 'noise';
  category: string;
  event: Record<string, string>;
}

/** True when the first line of a JSON Lines file is a corpus case (has `id`, `label` and an `event` object). */
export async function isCorpusFile(file: string): Promise<boolean> {
  for await (const line of lines(file)) {
    if (line.text.trim() === '') continue;
    try {
      const value = JSON.parse(line.text) as Record<string, unknown>;
      return typeof value.id === 'string' && typeof value.label === 'string' && !!value.event && typeof value.event === 'object';
    } catch {
      return false;
    }
  }
  return false;
}

async function* lines(file: string): AsyncGenerator<{ text: string; line: number }> {
  const reader = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of reader) yield { text, line: ++line };
  } finally {
    reader.close();
  }
}

/** Reads the cases of one corpus file. @throws InputError naming the line of a case without id/label/event */
export async function* readCorpusCases(file: string): AsyncGenerator<CorpusCase & { line: number }> {
  for await (const { text, line } of lines(file)) {
    if (text.trim() === '') continue;
    let value: Partial<CorpusCase>;
    try {
      value = JSON.parse(text) as Partial<CorpusCase>;
    } catch (error) {
      throw new InputError(file, line, `not valid JSON: ${(error as Error).message}`);
    }
    if (typeof value.id !== 'string' || (value.label !== 'positive' && value.label !== 'noise') || !value.event || typeof value.event !== 'object') {
      throw new InputError(file, line, 'a corpus case needs "id", "label" (positive|noise) and an "event" object');
    }
    const event: Record<string, string> = {};
    for (const [k, v] of Object.entries(value.event)) if (v !== null && v !== undefined) event[k] = String(v);
    yield { id: value.id, label: value.label, category: String(value.category ?? ''), event, line };
  }
}

/** Sources whose events are Windows-style Event XML: the XmlWinEventLog channels and Sysmon for Linux. */
function xmlChannel(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  if (source.startsWith('XmlWinEventLog:')) return source.slice('XmlWinEventLog:'.length);
  if (source === 'Syslog:Linux-Sysmon/Operational') return 'Linux-Sysmon/Operational';
  return undefined;
}

/**
 * The event to replay for a corpus case. Cases from an XmlWinEventLog channel or Sysmon for Linux
 * with an EventCode get `raw` = the Event XML rendered from their fields ({@link renderEventXml}),
 * keeping the case's own `source` and `sourcetype` (so the Sysmon add-on and the app's macros see them
 * as they would see real events); CIM-only cases stay a field record (sent as `_json`).
 * `_time` becomes epoch seconds; `idetunnel_case` carries the case id in JSON records.
 */
export function corpusSourceEvent(c: CorpusCase & { line: number }, file: string): SourceEvent {
  const fields: Record<string, string> = { ...c.event };
  const iso = fields._time;
  const ms = iso === undefined ? NaN : Date.parse(iso);
  if (!Number.isNaN(ms)) fields._time = String(ms / 1000);
  else delete fields._time;
  const channel = xmlChannel(fields.source);
  if (channel !== undefined && fields.EventCode !== undefined) {
    const raw = renderEventXml(c.event, channel, Number.isNaN(ms) ? undefined : new Date(ms).toISOString());
    return { fields: { ...fields, Channel: channel }, file, line: c.line, raw };
  }
  return { fields: { ...fields, idetunnel_case: c.id }, file, line: c.line };
}

/**
 * The result-row conditions that identify a case in a detection's table: `dest` = its host (the
 * app's `ide_tunnel_entities` makes dest the Computer/host) plus the field that tells its event apart,
 * under the name the app's tables use (CIM: process, query, dest_host, registry_path, file_path;
 * Security/System: TaskName, ServiceName). Undefined when the case has none of those fields.
 */
export function caseWhere(c: CorpusCase): Record<string, string> | undefined {
  const e = c.event;
  const host = e.host ?? e.dest ?? e['Processes.dest'];
  const key: [string, string | undefined][] = [
    ['process', e.CommandLine ?? e.process ?? e['Processes.process']],
    ['query', e.QueryName ?? e.query],
    ['dest_host', e.DestinationHostname],
    ['registry_path', e.TargetObject],
    ['TaskName', e.TaskName],
    ['ServiceName', e.ServiceName],
    ['file_path', e.TargetFilename],
  ];
  const found = key.find(([, value]) => value !== undefined && value !== '');
  if (!found) return undefined;
  return { ...(host ? { dest: `${host}*` } : {}), [found[0]]: found[1] as string };
}
