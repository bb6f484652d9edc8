import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { readEvents } from '../../src/readers/readEvents';

/**
 * One real Sysmon EventID 1 (process creation) event for the benchmark: the flat Sysmon fields as the
 * Splunk Add-on for Sysmon extracts them, and its XmlWinEventLog `_raw` (the original line for the
 * evtx-attack-samples renderings, a canonical rendering of the fields for the JSON sources).
 */
export interface BenchEvent {
  fields: Record<string, string>;
  raw: string;
}

/** Sysmon EventID 1 EventData names, in schema order (Sysmon schema 4.x; ParentUser since 13.x). */
export const SYSMON_EID1_FIELDS = [
  'RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'FileVersion', 'Description', 'Product', 'Company',
  'OriginalFileName', 'CommandLine', 'CurrentDirectory', 'User', 'LogonGuid', 'LogonId', 'TerminalSessionId',
  'IntegrityLevel', 'Hashes', 'ParentProcessGuid', 'ParentProcessId', 'ParentImage', 'ParentCommandLine', 'ParentUser',
] as const;

const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';

function isSysmonProcessCreate(fields: Record<string, string>): boolean {
  return fields.EventCode === '1' && fields.Image !== undefined && (fields.Channel === undefined || fields.Channel === SYSMON_CHANNEL);
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');
}

/**
 * Renders Sysmon EID 1 fields in the canonical XmlWinEventLog shape of
 * ../shared/data/evtx-attack-samples/derived (single-quoted attributes, no whitespace between elements).
 */
export function renderXmlWinEventLog(fields: Record<string, string>, recordId: number): string {
  const seconds = Number(fields._time ?? '0');
  const systemTime = new Date(Math.floor(seconds * 1000)).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
  const data = SYSMON_EID1_FIELDS.filter((name) => fields[name] !== undefined)
    .map((name) => `<Data Name='${name}'>${escapeXml(fields[name])}</Data>`)
    .join('');
  return (
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>" +
    "<Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/>" +
    '<EventID>1</EventID><Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode>' +
    `<Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='${systemTime}'/><EventRecordID>${recordId}</EventRecordID>` +
    `<Correlation/><Execution ProcessID='2868' ThreadID='3848'/><Channel>${SYSMON_CHANNEL}</Channel>` +
    `<Computer>${escapeXml(fields.host ?? 'unknown')}</Computer><Security UserID='S-1-5-18'/></System>` +
    `<EventData>${data}</EventData></Event>`
  );
}

function keepSysmonFields(fields: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of [...SYSMON_EID1_FIELDS, 'EventCode', 'host', '_time']) if (fields[name] !== undefined) kept[name] = fields[name];
  return kept;
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...jsonFiles(full));
    else if (name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

/**
 * Loads every Sysmon EID 1 event of the three public sets in ../shared/data: OTRF sysmon_eid1.jsonl,
 * the evtx-attack-samples XmlWinEventLog renderings (EID 1 lines), and SigmaHQ regression data.
 * Fields are parsed with the CLI's readers (the same code `idetunnel score` uses).
 *
 * @param dataDir path of ../shared/data
 * @throws Error when the folder holds no such events
 */
export async function loadSysmonEid1(dataDir: string): Promise<BenchEvent[]> {
  const events: BenchEvent[] = [];
  const xmlFile = path.join(dataDir, 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log');
  const xmlLines = readFileSync(xmlFile, 'utf8').split('\n').filter((line) => line.startsWith('<Event'));
  let lineIndex = 0;
  for await (const event of readEvents(xmlFile, { format: 'xml', encoding: 'utf-8' })) {
    const line = xmlLines[event.line - 1] ?? xmlLines[lineIndex];
    lineIndex++;
    if (isSysmonProcessCreate(event.fields)) events.push({ fields: keepSysmonFields(event.fields), raw: line });
  }
  const jsonSources = [path.join(dataDir, 'otrf-security-datasets', 'sysmon_eid1.jsonl'), ...jsonFiles(path.join(dataDir, 'sigma-regression-data', 'regression_data'))];
  for (const file of jsonSources) {
    for await (const event of readEvents(file, { format: 'json', encoding: 'utf-8' })) {
      if (!isSysmonProcessCreate(event.fields)) continue;
      const fields = keepSysmonFields(event.fields);
      events.push({ fields, raw: renderXmlWinEventLog(fields, events.length + 1) });
    }
  }
  if (events.length === 0) throw new Error(`no Sysmon EventID 1 events under ${dataDir}`);
  return events;
}
