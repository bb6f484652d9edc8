/** toHecEvent (src/lab/hecEvent.ts): the sourcetype/source the Windows add-ons use, time shift, overrides. */
import { toHecEvent, xmlSource } from '../../src/lab/hecEvent';
import type { SourceEvent } from '../../src/readers/sourceEvent';

const xmlEvent = (channel: string | undefined, raw = '<Event><System/></Event>'): SourceEvent => ({
  fields: { ...(channel ? { Channel: channel } : {}), host: 'WS1.corp.example.com', _time: '1700000000.25', EventCode: '1' },
  file: 'x.log',
  line: 1,
  raw,
});

describe('toHecEvent', () => {
  test('XML: the raw text as the event, XmlWinEventLog, source from the channel', () => {
    expect(toHecEvent(xmlEvent('Microsoft-Windows-Sysmon/Operational'), 0, undefined, {})).toEqual({
      event: '<Event><System/></Event>',
      time: 1700000000.25,
      host: 'WS1.corp.example.com',
      source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
      sourcetype: 'XmlWinEventLog',
    });
    expect(toHecEvent(xmlEvent('Security'), 0, undefined, {}).source).toBe('XmlWinEventLog:Security');
    expect(xmlSource(undefined)).toBe('XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
  });

  test('a pretty-printed export event is sent on one line; text inside values is kept', () => {
    const raw = "<Event>\n  <EventData>\n    <Data Name='CommandLine'>code  tunnel</Data>\n  </EventData>\n</Event>";
    expect(toHecEvent(xmlEvent('Security', raw), 0, undefined, {}).event).toBe("<Event><EventData><Data Name='CommandLine'>code  tunnel</Data></EventData></Event>");
  });

  test('time is shifted by the offset (ms precision); an event without time takes the fallback', () => {
    expect(toHecEvent(xmlEvent('Security'), 100.1234, undefined, {}).time).toBe(1700000100.373);
    const untimed: SourceEvent = { fields: { Image: 'a' }, file: 'f.csv', line: 2 };
    expect(toHecEvent(untimed, 5, 1800000000, {}).time).toBe(1800000000);
    expect(toHecEvent(untimed, 0, undefined, {}).time).toBeUndefined();
  });

  test('JSON/CSV: the fields without _time, sourcetype _json, source names the file', () => {
    const record: SourceEvent = { fields: { Image: 'C:\\a.exe', _time: '10', host: 'H' }, file: '/tmp/dir/in.csv', line: 2 };
    expect(toHecEvent(record, 0, undefined, {})).toEqual({ event: { Image: 'C:\\a.exe', host: 'H' }, time: 10, host: 'H', source: 'idetunnel:replay:in.csv', sourcetype: '_json' });
  });

  test('overrides replace index, host and sourcetype', () => {
    expect(toHecEvent(xmlEvent('Security'), 0, undefined, { index: 'lab', host: 'h', sourcetype: 'st' })).toMatchObject({ index: 'lab', host: 'h', sourcetype: 'st', source: 'XmlWinEventLog:Security' });
  });
});
