import { readFileSync } from 'fs';
import * as path from 'path';
import { readWindowsEvent } from '../../src/events/readWindowsEvent';
import { scanTruncatedWindowsEventXml, scanWindowsEventXml } from '../../src/events/windowsEventScan';
import { TRUNCATED_RAW_REASON } from '../../src/command/rowEvents';
import { encodeCsvCell } from '../../src/protocol/csvBody';
import { executeChunk, getinfoChunk, inspectorMessages, replyTable, runInProcess } from '../helpers/protocolRun';

/**
 * A `_raw` that Splunk cut at props.conf `TRUNCATE` (10,000 bytes by default) arrives without its
 * closing tags. The fields before the cut are read and scored, the row says it was cut, and nothing
 * past the cut is read. Base event: a real-shaped Sysmon EID 1 from the demo fixture (synthetic
 * data in the Sysmon schema), with a long tunnel command line put in its CommandLine.
 */
const DEMO = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log'), 'utf8').trim().split('\n');
const BASE = DEMO.find((line) => line.includes('<EventID>1</EventID>') && line.includes("<Data Name='CommandLine'>")) as string;
const COMMAND_LINE = `&quot;C:\\Users\\dev\\code.exe&quot; tunnel --accept-server-license-terms --name ws1 ${'--verbose &amp; '.repeat(1000)}`;
const LONG = BASE.replace(/<Data Name='CommandLine'>[^<]*<\/Data>/, `<Data Name='CommandLine'>${COMMAND_LINE}</Data>`);
/** The event cut at Splunk's default TRUNCATE (10,000 bytes; the event is ASCII, so characters). */
const CUT = LONG.slice(0, 10000);

describe('reading a Windows event cut before its end (Splunk TRUNCATE)', () => {
  it('the whole event is read as before, not as truncated', () => {
    expect(LONG.length).toBeGreaterThan(15000);
    expect(readWindowsEvent(LONG).truncated).toBeUndefined();
  });

  it('a 10,000-byte prefix gives Image, the start of CommandLine and truncated', () => {
    expect(scanWindowsEventXml(CUT)).toBeNull();
    const event = readWindowsEvent(CUT);
    const whole = readWindowsEvent(LONG);
    expect(event.truncated).toBe(true);
    expect(event.system).toEqual(whole.system);
    expect(event.data.Image).toBe(whole.data.Image);
    expect(event.data.CommandLine.length).toBeGreaterThan(1000);
    expect(whole.data.CommandLine.startsWith(event.data.CommandLine)).toBe(true);
    expect(event.data.CommandLine.startsWith('"C:\\Users\\dev\\code.exe" tunnel')).toBe(true);
    // after the cut: not read, not guessed
    expect(event.data.ParentImage).toBeUndefined();
    expect(event.data.ParentCommandLine).toBeUndefined();
  });

  it('at every cut point after System: each value is whole or a prefix of the real one, and none after the cut', () => {
    const event = BASE.replace(/<Data Name='CommandLine'>[^<]*<\/Data>/, "<Data Name='CommandLine'>&quot;code.exe&quot; tunnel &#x41;&amp;b</Data>");
    const whole = readWindowsEvent(event);
    const systemEnd = event.indexOf('</System>') + 9;
    let read = 0;
    const wrong: string[] = [];
    for (let cut = systemEnd; cut < event.length - '</Event>'.length + 1; cut++) {
      const prefix = event.slice(0, cut);
      const got = scanTruncatedWindowsEventXml(prefix);
      if (got === null) throw new Error(`cut at ${cut} (${JSON.stringify(event.slice(cut - 20, cut))}) was not read`);
      read++;
      if (got.truncated !== true || JSON.stringify(got.system) !== JSON.stringify(whole.system)) wrong.push(`${cut}: System`);
      for (const [name, value] of Object.entries(got.data)) {
        // a value is whole or a prefix of the real one; a Data element is read only once its Name is whole in the text
        if (!whole.data[name].startsWith(value) || !prefix.includes(`<Data Name='${name}'>`)) wrong.push(`${cut}: ${name}=${value}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(read).toBeGreaterThan(1000);
  });

  it.each([
    ['System cut', BASE.slice(0, BASE.indexOf('</System>') - 5)],
    ['a whole event (not truncated)', BASE],
    ['text after a cut tag', `${BASE.slice(0, BASE.indexOf('<EventData>') + 11)}<Data Name='x'<y>`],
    ['another element after EventData children', `${BASE.slice(0, BASE.indexOf('<EventData>') + 11)}<Other>1</Other>`],
    ['an unknown entity before the cut', CUT.replace('&amp;', '&foo;')],
  ])('declines %s', (_name, xml) => {
    expect(scanTruncatedWindowsEventXml(xml)).toBeNull();
  });

  it('the cap and the early refusal let such a prefix through (a cut non-canonical event is not read)', () => {
    expect(readWindowsEvent(CUT).truncated).toBe(true);
    const pretty = LONG.replace('<EventData>', '\n<EventData>\n').slice(0, 10000);
    expect(() => readWindowsEvent(pretty)).toThrow(/not well-formed/);
  });
});

describe('a cut _raw through the command (raw=true)', () => {
  it('is scored on the fields before the cut, with a reason and one WARN, and comes back unchanged', async () => {
    const rows = [CUT, LONG, CUT];
    const body = '_raw,_chunked_idx\n' + rows.map((raw, i) => `${encodeCsvCell(raw)},${i}\n`).join('');
    const out = await runInProcess([Buffer.concat([getinfoChunk(['raw=true']), executeChunk(body, true)])]);
    expect(out.status).toBe(0);
    const table = replyTable(out.replies[1]);
    const column = (name: string) => table.rows.map((row) => row[table.header.indexOf(name)]);
    expect(column('_raw')).toEqual(rows);
    expect(column('IsTunnelCommand')).toEqual(['1', '1', '1']);
    expect(Number(column('ide_tunnel_score')[0])).toBeGreaterThan(0);
    const reasons = column('ide_tunnel_reasons');
    expect(reasons[0].split('\n')).toContain(TRUNCATED_RAW_REASON);
    expect(reasons[1]).not.toContain(TRUNCATED_RAW_REASON);
    const warnings = inspectorMessages(out.replies[1]).filter(([level]) => level === 'WARN').map(([, text]) => text);
    expect(warnings).toEqual([expect.stringMatching(/^idetunnelscore: 2 of 3 rows had a _raw cut before <\/Event> \(props.conf TRUNCATE\)/)]);
  });

  it('explain=none adds no reason', async () => {
    const body = `_raw\n${encodeCsvCell(CUT)}\n`;
    const out = await runInProcess([Buffer.concat([getinfoChunk(['raw=true', 'explain=none']), executeChunk(body, true)])]);
    const table = replyTable(out.replies[1]);
    expect(table.rows[0][table.header.indexOf('ide_tunnel_reasons')]).toBe('');
  });
});
