import * as windowsEventXml from '../../src/events/windowsEventXml';
import { GENERAL_PARSER_LIMITS, readWindowsEvent } from '../../src/events/readWindowsEvent';
import { scanWindowsEventXml } from '../../src/events/windowsEventScan';
import { encodeCsvCell } from '../../src/protocol/csvBody';
import { executeChunk, getinfoChunk, inspectorMessages, parseReplies, replyTable, runInProcess } from '../helpers/protocolRun';
import { parseReplyBody } from './support/csvFuzz';
import { expectPeakRssWithin, runCommandProcess } from './support/commandProcess';

/**
 * What a `_raw` can cost with raw=true (issue 19 items 1-3): one oversized event must not take the
 * process's memory, a canonical-shape event with millions of elements must not overflow the
 * scanner's regular expressions into an ERROR that loses the search, and XML that cannot be a
 * Windows event must not reach the general parser (xml2js) at all. Synthetic events in the Windows
 * Event schema (http://schemas.microsoft.com/win/2004/08/events/event).
 */
const NS = "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'";
const GOOD = `<Event ${NS}><System><EventID>1</EventID><Computer>WS1</Computer></System><EventData><Data Name='Image'>C:\\code.exe</Data><Data Name='CommandLine'>code tunnel</Data></EventData></Event>`;
/** Not the one-line shape (attributes over 1,024 characters), so only the general parser could read it. */
const withAttributes = (count: number, chars: number) =>
  `<Event ${NS}><System><EventID>1</EventID></System><EventData><Data Name='Image'${Array.from({ length: count }, (_, i) => ` a${i}='${'x'.repeat(chars)}'`).join('')}>code.exe</Data></EventData></Event>`;

function rawChunk(rows: string[], args: string[] = []): Buffer {
  const body = '_raw,_chunked_idx\n' + rows.map((raw, i) => `${encodeCsvCell(raw)},${i}\n`).join('');
  return Buffer.concat([getinfoChunk(['raw=true', ...args]), executeChunk(body, true)]);
}

function warningsOf(out: { replies: { metadata: Record<string, unknown> }[] }): string[] {
  return inspectorMessages(out.replies[1] as never).filter(([level]) => level === 'WARN').map(([, text]) => text);
}

describe('item 1: the size of XML handed to the general parser is capped', () => {
  let parse: jest.SpyInstance;
  beforeEach(() => {
    parse = jest.spyOn(windowsEventXml, 'parseWindowsEventXml');
  });
  afterEach(() => parse.mockRestore());

  it(`an event over ${GENERAL_PARSER_LIMITS.maxChars} characters outside the one-line shape is refused unparsed; one at the cap is parsed`, () => {
    const over = withAttributes(5, 60000);
    expect(over.length).toBeGreaterThan(GENERAL_PARSER_LIMITS.maxChars);
    expect(() => readWindowsEvent(over)).toThrow(expect.objectContaining({ unsafe: true, message: expect.stringMatching(/over 262144 characters/) }));
    expect(parse).not.toHaveBeenCalled();
    const under = withAttributes(4, 60000);
    expect(under.length).toBeLessThanOrEqual(GENERAL_PARSER_LIMITS.maxChars);
    expect(readWindowsEvent(under).data.Image).toBe('code.exe');
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('a canonical event over the cap is still read (by the scanner, in linear memory)', () => {
    const long = GOOD.replace('code tunnel', `code tunnel ${'a'.repeat(GENERAL_PARSER_LIMITS.maxChars)}`);
    expect(readWindowsEvent(long).data.CommandLine).toHaveLength(GENERAL_PARSER_LIMITS.maxChars + 12);
    expect(parse).not.toHaveBeenCalled();
  });

  // Scaled down from the 2,000 x 65,000-character event (124 MB, out of memory at 4.3 GB
  // before the cap): 40 such attributes (2.6 MB) peaked at 166 MB before the cap, over the
  // 3 x chunk + 80 MB bound, and ~55 MB with it. Full-size runs are in docs/guarantees.md.
  it('the bundled command stays within the memory bound, WARNs and passes the row through', async () => {
    const rows = [GOOD, withAttributes(40, 65000), GOOD];
    const input = rawChunk(rows);
    const run = await runCommandProcess(input, { measurePeakRss: true, timeoutMs: 60000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(0);
    const replies = parseReplies(run.stdout);
    const table = parseReplyBody(replies[1].body);
    expect(table.rows.map((row) => row[table.header.indexOf('_raw')])).toEqual(rows);
    expect(table.rows.map((row) => row[table.header.indexOf('IsTunnelCommand')])).toEqual(['1', '0', '1']);
    expect(warningsOf({ replies })).toEqual([expect.stringMatching(/1 of 3 rows had a _raw XML that was not parsed \(first: refused: XML over 262144 characters/)]);
    expectPeakRssWithin(run.peakRssBytes, input.length, replies[1].body.length);
  });
});

describe('item 2: millions of elements in a canonical-shape event do not lose the search', () => {
  const systemFlood = GOOD.replace('<System>', `<System>${'<a/>'.repeat(2_500_000)}`);

  it('the scanner declines (no RangeError) where its patterns would overflow: in System, and in EventData', () => {
    expect(systemFlood.length).toBeGreaterThan(9_500_000);
    expect(scanWindowsEventXml(systemFlood)).toBeNull();
    expect(() => readWindowsEvent(systemFlood)).toThrow(expect.objectContaining({ unsafe: true }));
    // 30 MB: the smallest Data flood found that overflows TAIL (2.5 M bare `<Data/>` do not)
    const dataFlood = GOOD.replace('<EventData>', `<EventData>${"<Data a=''/>".repeat(2_500_000)}`);
    expect(scanWindowsEventXml(dataFlood)).toBeNull();
    expect(() => readWindowsEvent(dataFlood)).toThrow(expect.objectContaining({ unsafe: true }));
  });

  it('each such row is a WARN and a pass-through; the rows around it are scored', async () => {
    const rows = [GOOD, systemFlood, GOOD];
    const out = await runInProcess([rawChunk(rows)]);
    expect(out.status).toBe(0);
    const table = replyTable(out.replies[1]);
    expect(table.rows).toHaveLength(3);
    expect(table.rows.map((row) => row[table.header.indexOf('_raw')])).toEqual(rows);
    expect(table.rows.map((row) => row[table.header.indexOf('IsTunnelCommand')])).toEqual(['1', '0', '1']);
    expect(warningsOf(out)).toEqual([expect.stringMatching(/1 of 3 rows had a _raw XML that was not parsed \(first: refused: XML over 262144 characters/)]);
    expect(out.stderr).not.toMatch(/ERROR/);
  });
});

describe('item 3: what cannot be a Windows event never reaches the general parser', () => {
  let parse: jest.SpyInstance;
  beforeEach(() => {
    parse = jest.spyOn(windowsEventXml, 'parseWindowsEventXml');
  });
  afterEach(() => parse.mockRestore());

  const deep = (root: string, depth: number) => `<${root}>${'<n a="1">'.repeat(depth)}text${'</n>'.repeat(depth)}</${root}>`;
  const NOT_EVENTS: [string, string][] = [
    ['60-deep XML with another root', deep('root', 60)],
    ['60-deep XML under <Event>', deep('Event', 60)],
    ['a root named EventData', `<EventData><Data Name='Image'>code.exe</Data></EventData>`],
    ['a root named Events (an export, not one event)', `<Events><Event ${NS}/></Events>`],
    ['text before the root', `x<Event ${NS}/>`],
  ];

  it.each(NOT_EVENTS)('%s is refused before xml2js', (_name, xml) => {
    expect(() => readWindowsEvent(xml)).toThrow(windowsEventXml.EventXmlError);
    expect(parse).not.toHaveBeenCalled();
  });

  it('what can be a Windows event still goes to xml2js (a prolog, a comment, pretty-printed)', () => {
    const pretty = `<?xml version="1.0"?>\n<!-- exported -->\n<Event ${NS}>\n  <System><EventID>1</EventID></System>\n  <EventData><Data Name="Image">code.exe</Data></EventData>\n</Event>`;
    expect(readWindowsEvent(pretty).data.Image).toBe('code.exe');
    expect(parse).toHaveBeenCalledTimes(1);
  });

  // Scaled down from the 50,000 rows (55 MB, 13-15 s before): 2,000 rows.
  it('a chunk of 60-deep non-event XML: every row back, one WARN per kind, xml2js never called', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? deep('root', 60) : deep('root', 3)));
    const out = await runInProcess([rawChunk(rows)]);
    expect(out.status).toBe(0);
    expect(parse).not.toHaveBeenCalled();
    expect(replyTable(out.replies[1]).rows).toHaveLength(2000);
    expect(warningsOf(out)).toEqual([
      expect.stringMatching(/^idetunnelscore: 1000 of 2000 rows had a _raw that is not a Windows event XML/),
      expect.stringMatching(/^idetunnelscore: 1000 of 2000 rows had a _raw XML that was not parsed \(first: refused: XML elements nested more than 16 deep\)/),
    ]);
  });
});
