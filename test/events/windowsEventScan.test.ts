import { readFileSync } from 'fs';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'util';
import { readWindowsEvent } from '../../src/events/readWindowsEvent';
import { scanWindowsEventXml } from '../../src/events/windowsEventScan';
import { recordView } from '../../src/events/eventView';
import { allSourceFieldNames, EventField, FIELD_ALIASES } from '../../src/events/fieldAliases';
import { EventXmlError, KeptFields, parseWindowsEventXml, VIEW_SYSTEM_KEYS, WindowsEvent, windowsEventFields, windowsEventView } from '../../src/events/windowsEventXml';
import { describeWithShared, sharedPath } from '../helpers/shared';

/** xml2js's answer (the oracle): the event, or the error class it throws. */
function oracle(xml: string): WindowsEvent | 'error' {
  try {
    return parseWindowsEventXml(xml);
  } catch (error) {
    if (error instanceof EventXmlError) return 'error';
    throw error;
  }
}

const ROOT = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>";
const SYSTEM =
  "<System><Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/><EventID>1</EventID>" +
  "<Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>" +
  "<TimeCreated SystemTime='2020-10-05T20:43:58.4502390Z'/><EventRecordID>2164889</EventRecordID><Correlation/>" +
  "<Execution ProcessID='5424' ThreadID='6708'/><Channel>Microsoft-Windows-Sysmon/Operational</Channel>" +
  "<Computer>LAPTOP-JU4M3I0E</Computer><Security UserID='S-1-5-18'/></System>";
/** A synthetic event in the canonical shape of ../shared/data/evtx-attack-samples/derived, with the given EventData inner XML. */
const event = (eventData: string): string => `${ROOT}${SYSTEM}<EventData>${eventData}</EventData></Event>`;

describeWithShared('XmlWinEventLog scanner against xml2js on real events', () => {
  it.each([
    'evtx-attack-samples/derived/sysmon.xmlwineventlog.log',
    'evtx-attack-samples/derived/security_4688_4698_4699_4702.xmlwineventlog.log',
  ])('takes every event of %s and gives exactly what xml2js gives', (file) => {
    const lines = readFileSync(sharedPath('data', file), 'utf8').split('\n').filter((line) => line.startsWith('<Event'));
    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines) {
      const scanned = scanWindowsEventXml(line);
      expect(scanned).not.toBeNull();
      expect(scanned).toEqual(parseWindowsEventXml(line));
    }
  });
});

describe('XmlWinEventLog scanner', () => {
  it('decodes the five XML entities and decimal/hex character references exactly once', () => {
    const xml = event("<Data Name='CommandLine'>a &amp;&lt;b&gt; &quot;c&quot; &apos;d&apos; &#13;&#10;&#x41;&#x1F600;&amp;amp;</Data>");
    const scanned = scanWindowsEventXml(xml);
    expect(scanned?.data.CommandLine).toBe('a &<b> "c" \'d\' \r\nA\u{1F600}&amp;');
    expect(scanned).toEqual(parseWindowsEventXml(xml));
  });

  it('reads whitespace-only text as xml2js does: dropped under attributes, kept otherwise', () => {
    const xml = `${ROOT}<System><EventID> </EventID><Level Qualifiers=''>  </Level></System><EventData><Data Name='Description'> </Data></EventData></Event>`;
    const scanned = scanWindowsEventXml(xml);
    expect(scanned).toEqual({ system: { EventID: ' ', Level: '' }, data: { Description: '' } });
    expect(scanned).toEqual(parseWindowsEventXml(xml));
  });

  it('passes control characters through, as xml2js (sax) does', () => {
    const xml = event("<Data Name='Image'>a\u0001b\u000bc</Data>");
    expect(scanWindowsEventXml(xml)?.data.Image).toBe('a\u0001b\u000bc');
    expect(scanWindowsEventXml(xml)).toEqual(parseWindowsEventXml(xml));
  });

  it('takes the first of repeated System children, as xml2js first() does', () => {
    const xml = `${ROOT}<System><EventID>1</EventID><EventID>2</EventID><TimeCreated/><TimeCreated SystemTime='x'/><Computer a='1'>A</Computer><Computer>B</Computer></System></Event>`;
    const scanned = scanWindowsEventXml(xml);
    expect(scanned?.system).toEqual({ EventID: '1', Computer: 'A' });
    expect(scanned).toEqual(parseWindowsEventXml(xml));
  });

  it('keeps empty Data as empty, skips Data without a Name, lets a repeated Data name win last (as xml2js)', () => {
    const xml = event("<Data Name='RuleName'></Data><Data>x</Data><Data Name='Image'>a</Data><Data Name='Image'>b</Data><Data Name='User'/>");
    const scanned = scanWindowsEventXml(xml);
    expect(scanned?.data).toEqual({ RuleName: '', Image: 'b', User: '' });
    expect(scanned).toEqual(parseWindowsEventXml(xml));
  });

  it.each([
    ['a kept child first in another form (text, then the attribute)', `${ROOT}<System><TimeCreated>x</TimeCreated><TimeCreated SystemTime='y'/><EventID a='1'>5</EventID></System></Event>`],
    ['names that are prefixes of other names', `${ROOT}<System><EventIDX>9</EventIDX><EventID>1</EventID><Comp>c</Comp><Computer>H</Computer></System>` +
      "<EventData><Data Name='Imag'>a</Data><Data Name='ImageX'>b</Data><Data Name='Image'>c</Data></EventData></Event>"],
    ['a System child named System', `${ROOT}<System><System>x</System><EventID>1</EventID></System><EventData/></Event>`],
    ['double quotes, and > / inside attribute values', `${ROOT}<System><Provider Name="P>1" Guid='a/>b'/><Execution ProcessID='1>' ThreadID="/"/><EventID>1</EventID></System>` +
      '<EventData><Data Name="Image">a</Data><Data Name=\'CommandLine\'/></EventData></Event>'],
    ['repeated attributes (sax keeps the first)', `${ROOT}<System><Provider Name='a' Name='b'/><Security UserID='S-1' UserID='S-2'/></System>` +
      "<EventData><Data Name='Image' Name='User'>v</Data></EventData></Event>"],
    ['an entity in a System attribute and in a Data name', `${ROOT}<System><TimeCreated SystemTime='2020&#45;01'/><Computer>a&amp;b</Computer></System>` +
      "<EventData><Data Name='Im&#97;ge'>x</Data><Data Name='&#67;ommandLine'>y</Data></EventData></Event>"],
    ['Data with other attributes, no Name, an empty Name, whitespace-only text', event("<Data Type='t' Name='Image'>v</Data><Data>w</Data><Data Name=''>e</Data><Data Name='User'>  </Data>")],
    ['no EventData, or an empty one', `${ROOT}${SYSTEM}</Event>`],
    ['an empty EventData', `${ROOT}${SYSTEM}<EventData></EventData></Event>`],
  ])('reads %s exactly as xml2js does', (_name, xml) => {
    const scanned = scanWindowsEventXml(xml);
    expect(scanned).not.toBeNull();
    expect(scanned).toEqual(parseWindowsEventXml(xml));
  });

  it.each([
    ['a DOCTYPE with an entity bomb', `<!DOCTYPE Event [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>${event("<Data Name='Image'>&b;</Data>")}`],
    ['an external entity', event("<Data Name='Image'>&xxe;</Data>")],
    ['an entity inside the root (DOCTYPE after start)', `${ROOT}<!DOCTYPE x>${SYSTEM}</Event>`],
    ['CDATA', event("<Data Name='Image'><![CDATA[x]]></Data>")],
    ['a comment', event("<!-- c --><Data Name='Image'>x</Data>")],
    ['a processing instruction', `<?xml version="1.0"?>${event('')}`],
    ['a nested element in Data', event("<Data Name='Image'>a<b>c</b></Data>")],
    ['a non-Data child of EventData', event('<Binary>00</Binary>')],
    ['UserData instead of EventData', `${ROOT}${SYSTEM}<UserData><X><Y>1</Y></X></UserData></Event>`],
    ['&#0;', event("<Data Name='Image'>&#0;</Data>")],
    ['&#xD800; (a surrogate)', event("<Data Name='Image'>&#xD800;</Data>")],
    ['&AMP; (upper case)', event("<Data Name='Image'>&AMP;</Data>")],
    ['a bare ampersand', event("<Data Name='Image'>a & b</Data>")],
    ['text after </Event>', `${event('')}x`],
    ['a huge attribute', event(`<Data Name='${'N'.repeat(5000)}'>x</Data>`)],
    ['an unclosed Data', `${ROOT}${SYSTEM}<EventData><Data Name='Image'>x</EventData></Event>`],
    ['spaces around =', event("<Data Name = 'Image'>x</Data>")],
    ['two spaces before an attribute', event("<Data  Name='Image'>x</Data>")],
    ['a space before >', `${ROOT}<System><EventID >1</EventID></System></Event>`],
    ['a tab in an attribute', event("<Data Name='Im\tage'>x</Data>")],
    ['EventData before System', `${ROOT}<EventData><Data Name='Image'>x</Data></EventData>${SYSTEM}</Event>`],
    ['a wrong closing tag in System', `${ROOT}<System><EventID>1</EventIDX></System></Event>`],
    ['a wrong closing tag in EventData', `${ROOT}${SYSTEM}<EventData><Data Name='Image'>x</Datum></EventData></Event>`],
  ])('declines %s, and readWindowsEvent then answers as xml2js does', (_name, xml) => {
    expect(scanWindowsEventXml(xml)).toBeNull();
    const expected = oracle(xml);
    if (expected === 'error') expect(() => readWindowsEvent(xml)).toThrow(EventXmlError);
    else expect(readWindowsEvent(xml)).toEqual(expected);
  });

  it('never disagrees with xml2js on generated events (it may only decline)', () => {
    const piece = fc.constantFrom('a', '  ', '&#32;', '\u00a0', 'Z', ' ', '\\', '"', "'", '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#10;', '&#13;', '&#x9;',
      '&', '<', '>', ';', '#', '\r\n', '\t', '\u0001', 'ท', '😀', '&#0;', '&foo;', '<b/>', '</Data>', '<![CDATA[x]]>', '<!-- -->', '&#xFFFE;');
    const value = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
    const name = fc.constantFrom('Image', 'CommandLine', 'User', '', 'Image Name', "Im'age", 'Image&amp;');
    const quote = fc.constantFrom("'", '"');
    const data = fc.tuple(name, value, quote, fc.boolean()).map(([n, v, q, selfClosing]) =>
      selfClosing ? `<Data Name=${q}${n}${q}/>` : `<Data Name=${q}${n}${q}>${v}</Data>`);
    const xml = fc.tuple(fc.array(data, { maxLength: 5 }), fc.constantFrom('', ' ', '\n', 'x')).map(([items, tail]) => event(items.join('')) + tail);
    fc.assert(
      fc.property(xml, (text) => {
        const scanned = scanWindowsEventXml(text);
        if (scanned === null) return true;
        return isDeepStrictEqual(oracle(text), scanned);
      }),
      { seed: 5, numRuns: 3000 },
    );
  });

  it('never disagrees with xml2js on events with a random piece inserted anywhere (it may only decline)', () => {
    const base = event("<Data Name='Image'>C:\\x\\code.exe</Data><Data Name='CommandLine'>code tunnel &amp; --x</Data>");
    const piece = fc.constantFrom(' ', '  ', '\n', '<', '>', '/', "'", '"', '&', ';', '=', 'x', '<a>', '</a>', '<a/>', '&#10;', '&lt;', '<!-- -->', ' a=\'1\'', '</Data>', '<Data>');
    fc.assert(
      fc.property(fc.nat(base.length), piece, (at, inserted) => {
        const text = base.slice(0, at) + inserted + base.slice(at);
        const scanned = scanWindowsEventXml(text);
        return scanned === null || isDeepStrictEqual(oracle(text), scanned);
      }),
      { seed: 6, numRuns: 5000 },
    );
  });

  it('stays linear on 1 MB adversarial values (a bound that catches a hang, not a speed test)', () => {
    const values = ['&amp;'.repeat(200_000), '&#'.repeat(500_000), `${'<Data '.repeat(150_000)}`, `${'a'.repeat(1_000_000)}&`];
    const started = Date.now();
    for (const v of values) scanWindowsEventXml(event(`<Data Name='Image'>${v}</Data>`));
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('XmlWinEventLog scanner with a filter (KeptFields)', () => {
  const wanted: KeptFields = { data: new Set(['Image', 'CommandLine']), system: new Set(['EventID', 'Computer', 'TimeCreated']) };
  const keepWanted = (e: WindowsEvent): WindowsEvent => ({
    system: Object.fromEntries(Object.entries(e.system).filter(([key]) => wanted.system.has(key))),
    data: Object.fromEntries(Object.entries(e.data).filter(([name]) => wanted.data.has(name))),
  });

  it('keeps only the wanted Data and System values, and declines exactly where the unfiltered scan declines', () => {
    const piece = fc.constantFrom('a', ' ', '&amp;', '&bad;', '&#0;', '<', '&', '&#10;', 'tunnel');
    const value = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const data = fc.tuple(fc.constantFrom('Image', 'CommandLine', 'User', 'Hashes', 'Imag', 'ImageX', 'Im&#97;ge'), value).map(([n, v]) => `<Data Name='${n}'>${v}</Data>`);
    fc.assert(
      fc.property(fc.array(data, { maxLength: 6 }), (items) => {
        const xml = event(items.join(''));
        const full = scanWindowsEventXml(xml);
        const filtered = scanWindowsEventXml(xml, wanted);
        if (full === null) return filtered === null;
        return filtered !== null && isDeepStrictEqual(filtered, keepWanted(full));
      }),
      { seed: 8, numRuns: 2000 },
    );
  });

  it('reads System children the same with and without the filter, and as xml2js does (it may only decline)', () => {
    const attribute = fc.tuple(fc.constantFrom('SystemTime', 'Name', 'UserID', 'Guid', 'a'), fc.constantFrom("'", '"'), fc.constantFrom('', 'x', 'a>b', 'a/b', '&amp;', "'", '"', ' '))
      .map(([name, quote, value]) => ` ${name}=${quote}${value}${quote}`);
    const child = fc.tuple(
      fc.constantFrom('EventID', 'EventIDX', 'Event', 'Computer', 'TimeCreated', 'TimeCreate', 'Security', 'Channel', 'System', 'Data', 'Keywords'),
      fc.array(attribute, { maxLength: 3 }),
      fc.constantFrom('', ' ', 'v', '&lt;x&gt;', '/>', 'a b'),
      fc.boolean(),
    ).map(([name, attributes, text, selfClosing]) => (selfClosing ? `<${name}${attributes.join('')}/>` : `<${name}${attributes.join('')}>${text}</${name}>`));
    fc.assert(
      fc.property(fc.array(child, { maxLength: 6 }), (children) => {
        const xml = `${ROOT}<System>${children.join('')}</System><EventData><Data Name='Image'>x</Data></EventData></Event>`;
        const full = scanWindowsEventXml(xml);
        const filtered = scanWindowsEventXml(xml, wanted);
        if (full === null) return filtered === null;
        return isDeepStrictEqual(oracle(xml), full) && filtered !== null && isDeepStrictEqual(filtered, keepWanted(full));
      }),
      { seed: 9, numRuns: 3000 },
    );
  });
});

describeWithShared('windowsEventView against recordView(windowsEventFields(...)) on real events', () => {
  it('gives the same values for every field the detection reads', () => {
    const file = sharedPath('data', 'evtx-attack-samples', 'derived', 'security_4688_4698_4699_4702.xmlwineventlog.log');
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.startsWith('<Event'));
    const sysmon = readFileSync(sharedPath('data', 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log'), 'utf8').split('\n').filter((l) => l.startsWith('<Event'));
    for (const line of [...lines, ...sysmon.slice(0, 500)]) {
      const event = parseWindowsEventXml(line);
      const expected = recordView(windowsEventFields(event));
      const view = windowsEventView(event);
      for (const field of Object.keys(FIELD_ALIASES) as EventField[]) expect(view.values(field)).toEqual(expected.values(field));
    }
  });

  it("gives the same values from the scanner with the command's filter (detection Data names, VIEW_SYSTEM_KEYS) as from xml2js", () => {
    const keep: KeptFields = { data: new Set(allSourceFieldNames()), system: VIEW_SYSTEM_KEYS };
    const lines = ['security_4688_4698_4699_4702.xmlwineventlog.log', 'sysmon.xmlwineventlog.log'].flatMap((file) =>
      readFileSync(sharedPath('data', 'evtx-attack-samples', 'derived', file), 'utf8').split('\n').filter((line) => line.startsWith('<Event')));
    expect(lines.length).toBeGreaterThan(1000);
    for (const line of lines) {
      const filtered = scanWindowsEventXml(line, keep);
      expect(filtered).not.toBeNull();
      const view = windowsEventView(filtered as WindowsEvent);
      const expected = recordView(windowsEventFields(parseWindowsEventXml(line)));
      for (const field of Object.keys(FIELD_ALIASES) as EventField[]) expect(view.values(field)).toEqual(expected.values(field));
    }
  });
});
