import { readFileSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { scanWindowsEventXml } from '../../src/events/windowsEventScan';
import { readWindowsEvent } from '../../src/events/readWindowsEvent';
import { EventXmlError } from '../../src/events/windowsEventXml';
import { checkEventXmlSafety, EVENT_XML_LIMITS } from '../../src/events/xmlSafety';

/**
 * readWindowsEvent runs no separate safety pass before the fast scanner, so the scanner must accept
 * nothing that checkEventXmlSafety refuses: whatever the check refuses has to fall through to
 * parseWindowsEventXml, which refuses it with `unsafe` set (and the command counts it in a WARN).
 */
const EVENTS = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log'), 'utf8')
  .trim()
  .split('\n');
const EVENT = EVENTS[0];
const deep = (n: number) => '<a>'.repeat(n) + 'x' + '</a>'.repeat(n);
const at = (xml: string, marker: string, insert: string) => xml.replace(marker, marker + insert);

const HOSTILE: [string, string][] = [
  ['a DOCTYPE before the event', `<!DOCTYPE Event [<!ENTITY a "aaaa">]>${EVENT}`],
  ['a DOCTYPE inside the event', at(EVENT, '<EventData>', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>')],
  ['an entity declaration in a Data value', at(EVENT, "<Data Name='Image'>", '<!ENTITY b "c">')],
  ['nesting over the limit inside a Data value', at(EVENT, "<Data Name='Image'>", deep(EVENT_XML_LIMITS.maxDepth + 1))],
  ['nesting over the limit inside System', at(EVENT, '<System>', deep(EVENT_XML_LIMITS.maxDepth + 1))],
  ['an attribute value over the limit', EVENT.replace("<Data Name='Image'>", `<Data Name='${'I'.repeat(EVENT_XML_LIMITS.maxAttributeChars + 1)}'>`)],
  ['a huge Provider Name', EVENT.replace("Name='Microsoft-Windows-Sysmon'", `Name='${'M'.repeat(EVENT_XML_LIMITS.maxAttributeChars + 1)}'`)],
];

describe('the fast scanner accepts nothing the XML safety check refuses', () => {
  it.each(HOSTILE)('%s: the check refuses it, the scanner declines, readWindowsEvent throws unsafe', (_name, xml) => {
    expect(checkEventXmlSafety(xml)).not.toBeNull();
    expect(scanWindowsEventXml(xml)).toBeNull();
    expect(() => readWindowsEvent(xml)).toThrow(expect.objectContaining({ unsafe: true }));
    expect(() => readWindowsEvent(xml)).toThrow(EventXmlError);
  });

  it('property: random hostile insertions into real-shaped events', () => {
    const insertion = fc.oneof(
      fc.constantFrom('<!DOCTYPE x>', '<!ENTITY e "x">', '<!ELEMENT a ANY>', '<!-- <!DOCTYPE -->'),
      fc.integer({ min: 1, max: 80 }).map(deep),
      fc.integer({ min: 1000, max: EVENT_XML_LIMITS.maxAttributeChars + 50 }).map((n) => `<a b='${'v'.repeat(n)}'/>`),
    );
    fc.assert(
      fc.property(fc.constantFrom(...EVENTS), insertion, fc.nat(), (event, insert, where) => {
        const cut = where % event.length;
        const xml = event.slice(0, cut) + insert + event.slice(cut);
        if (checkEventXmlSafety(xml) !== null) expect(scanWindowsEventXml(xml)).toBeNull();
      }),
      { seed: 20261129, numRuns: 2000 },
    );
  });
});
