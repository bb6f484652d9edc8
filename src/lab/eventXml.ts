/**
 * Renders a flat Sysmon / Windows event record as the one-line `<Event>` XML Splunk indexes with
 * `renderXml=true` (sourcetype XmlWinEventLog), in the shape test/fixtures/demo/README.md describes:
 * `<System>` with Provider, EventID, TimeCreated, Channel, Computer; `<EventData>` with one
 * `<Data Name='...'>` per field; single-quoted attributes; element text escaping `&`, `<`, `>`
 * (quotes literal, as Windows renders it); CR/LF written as `&#10;` so the event stays on one line.
 * Sysmon for Linux writes the same Event XML (Sysinternals/SysmonForLinux).
 */

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** Provider names by channel (Sysmon schema; Security auditing; Service Control Manager for System 7045). */
const PROVIDERS: Record<string, string> = {
  'Microsoft-Windows-Sysmon/Operational': 'Microsoft-Windows-Sysmon',
  'Linux-Sysmon/Operational': 'Linux-Sysmon',
  Security: 'Microsoft-Windows-Security-Auditing',
  System: 'Service Control Manager',
};

/** Fields that are metadata or `<System>` values, not `<EventData>`. */
const NOT_EVENT_DATA = new Set(['EventCode', 'EventID', '_time', 'host', 'source', 'sourcetype', 'Channel', 'Computer', 'index']);

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '&#10;');
}

function attribute(value: string): string {
  return text(value).replace(/'/g, '&apos;');
}

/**
 * @param fields the record: `EventCode`, EventData names, optional `host`
 * @param channel e.g. `Microsoft-Windows-Sysmon/Operational`, `Security`
 * @param isoTime `TimeCreated/@SystemTime` (ISO 8601 UTC)
 * A value that is already entity-escaped task XML (4698 `TaskContent` as Splunk's extraction shows it,
 * starting with `&lt;`) is written as it is, so extracting it again gives the same value.
 */
export function renderEventXml(fields: Record<string, string>, channel: string, isoTime: string | undefined): string {
  const provider = PROVIDERS[channel] ?? channel.split('/')[0];
  const system =
    `<System><Provider Name='${attribute(provider)}'/><EventID>${text(fields.EventCode ?? fields.EventID ?? '')}</EventID>` +
    (isoTime ? `<TimeCreated SystemTime='${attribute(isoTime)}'/>` : '') +
    `<Channel>${text(channel)}</Channel><Computer>${text(fields.Computer ?? fields.host ?? '')}</Computer></System>`;
  const data = Object.entries(fields)
    .filter(([name]) => !NOT_EVENT_DATA.has(name))
    .map(([name, value]) => `<Data Name='${attribute(name)}'>${/^&lt;/.test(value) ? value.replace(/\r?\n/g, '&#10;') : text(value)}</Data>`)
    .join('');
  return `<Event xmlns='${NS}'>${system}<EventData>${data}</EventData></Event>`;
}
