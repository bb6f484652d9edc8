import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { readEvents } from '../../src/readers/readEvents';
import { InputError, SourceEvent } from '../../src/readers/sourceEvent';
import { describeWithShared, sharedPath } from '../helpers/shared';

const dir = mkdtempSync(path.join(tmpdir(), 'idetunnel-readers-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}
async function all(p: string): Promise<SourceEvent[]> {
  const out: SourceEvent[] = [];
  for await (const e of readEvents(p)) out.push(e);
  return out;
}

const EVENT = (id: number, image: string) =>
  `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>${id}</EventID>` +
  `<TimeCreated SystemTime='2026-11-17T10:14:07.3310000Z'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel>` +
  `<Computer>WS1</Computer></System><EventData><Data Name='Image'>${image}</Data><Data Name='CommandLine'>a &amp; b</Data></EventData></Event>`;

describe('input readers', () => {
  it('reads XmlWinEventLog one event per line, with line numbers and Splunk-style fields', async () => {
    const events = await all(file('a.log', `${EVENT(1, 'C:\\a.exe')}\n\n${EVENT(22, 'C:\\b.exe')}\n`));
    expect(events.map((e) => [e.line, e.fields.EventCode, e.fields.Image, e.fields.CommandLine, e.fields.host])).toEqual([
      [1, '1', 'C:\\a.exe', 'a & b', 'WS1'],
      [3, '22', 'C:\\b.exe', 'a & b', 'WS1'],
    ]);
    expect(events[0].fields._time).toBe(String(Date.parse('2026-11-17T10:14:07.331Z') / 1000) + '000');
  });

  it('reads a pretty-printed Windows XML export (<Events>) and one on a single line', async () => {
    const pretty = `<?xml version="1.0" encoding="utf-8"?>\n<Events>\n${EVENT(1, 'x').replace(/></g, '>\n  <')}\n${EVENT(1, 'y')}\n</Events>\n`;
    const events = await all(file('export.xml', pretty));
    expect(events.map((e) => e.fields.Image)).toEqual(['x', 'y']);
    expect(events[1].line).toBe(pretty.split('\n').findIndex((l) => l.includes("'Image'>y")) + 1);
    const oneLine = await all(file('one.xml', `<Events>${EVENT(1, 'p')}${EVENT(1, 'q')}</Events>`));
    expect(oneLine.map((e) => e.fields.Image)).toEqual(['p', 'q']);
  });

  it('reads JSON Lines, a JSON array, concatenated documents, EventData objects and strings, and evtx-style {Event:{System,EventData}}', async () => {
    const lines = await all(file('a.jsonl', '{"Image":"a","EventID":1,"Hostname":"H"}\n{"EventData":"{\\"Image\\":\\"b\\"}"}\n'));
    expect(lines.map((e) => [e.line, e.fields.Image, e.fields.EventCode, e.fields.host])).toEqual([[1, 'a', '1', 'H'], [2, 'b', undefined, undefined]]);
    const array = await all(file('b.json', '[\n {"EventData":{"Image":"c","CommandLine":"x } {"}},\n {"Image":"d"}\n]'));
    expect(array.map((e) => [e.line, e.fields.Image])).toEqual([[2, 'c'], [3, 'd']]);
    const evtx = await all(file('c.json', JSON.stringify({ Event: { System: { EventID: 1, Computer: 'W', TimeCreated: { '#attributes': { SystemTime: '2026-04-17T05:24:53Z' } } }, EventData: { Image: 'e', ProcessId: 5 } } }, null, 2) + '\n' + JSON.stringify({ Event: { System: { EventID: 3 }, EventData: {} } }, null, 2)));
    expect(evtx.map((e) => [e.line, e.fields.Image, e.fields.EventCode, e.fields.host, e.fields.ProcessId, e.fields._time])).toEqual([
      [1, 'e', '1', 'W', '5', String(Date.parse('2026-04-17T05:24:53Z') / 1000)],
      [expect.any(Number), undefined, '3', undefined, undefined, undefined],
    ]);
  });

  it('reads a CSV export with a header row', async () => {
    const events = await all(file('a.csv', '_time,host,Image,CommandLine\n1700000000,H,"C:\\a b\\code.exe","code tunnel, ""x"""\n'));
    expect(events.map((e) => [e.line, e.fields.Image, e.fields.CommandLine])).toEqual([[2, 'C:\\a b\\code.exe', 'code tunnel, "x"']]);
  });

  it.each([
    ['bad.log', `${EVENT(1, 'a')}\n<Event><System></Event>\n`, 2, /not well-formed/],
    ['open.log', `${EVENT(1, 'a')}\n${EVENT(1, 'b').slice(0, 60)}`, 2, /not closed/],
    ['bad.jsonl', '{"Image":"a"}\n{"Image": nope}\n', 2, /not valid JSON/],
    ['junk.jsonl', '{"Image":"a"}\n\n42\n', 3, /unexpected "4"/],
    ['bad.csv', 'Image,CommandLine\na,b\n"c,d\n', 3, /CSV/],
    ['empty.log', '   \n', 1, /empty/],
  ])('names the file and line of bad input: %s', async (name, text, line, problem) => {
    const p = file(name, text);
    const error = await all(p).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ file: p, line });
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message.startsWith(`${p}:${line}: `)).toBe(true);
  });
});

describeWithShared('readers on the real data in ../shared/data', () => {
  it('read every event of each format with its documented count', async () => {
    expect(await all(sharedPath('data', 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log'))).toHaveLength(3241);
    expect(await all(sharedPath('data', 'otrf-security-datasets', 'sysmon_eid1.jsonl'))).toHaveLength(2021);
    const tasks = await all(sharedPath('data', 'otrf-security-datasets', 'security_4698.jsonl'));
    expect(tasks.map((e) => e.fields.EventCode)).toEqual(['4698', '4698', '4698', '4698']);
    expect(tasks[0].fields.TaskContent).toMatch(/&lt;Task/); // entity-escaped, as it arrives
  });
});
