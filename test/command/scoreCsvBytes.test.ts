import { readFileSync } from 'fs';
import { gunzipSync } from 'zlib';
import fc from 'fast-check';
import { CommandOptions, DEFAULT_OPTIONS } from '../../src/command/options';
import { scoreCsvBytes } from '../../src/command/scoreCsvBytes';
import { scoreTable } from '../../src/command/scoreTable';
import { encodeMultivalue, parseCsvBody, writeCsvBody } from '../../src/protocol/csvBody';
import { CsvCursor } from '../../src/protocol/csvCursor';
import { ProtocolError } from '../../src/protocol/errors';
import { readRecording } from '../helpers/protocolRun';
import { describeWithShared, sharedPath } from '../helpers/shared';

/** The string path: parse, score in place, write (what the command did before the byte path). */
function stringPath(body: Buffer, options: CommandOptions = DEFAULT_OPTIONS): { table: ReturnType<typeof parseCsvBody>; messages: unknown } {
  const table = parseCsvBody(body.toString('utf8'));
  const messages = scoreTable(table, options);
  return { table: parseCsvBody(writeCsvBody(table)), messages };
}

/** Asserts the byte path gives the same table (after parsing) and messages as the string path. */
function expectSameAsStringPath(body: Buffer, options: CommandOptions = DEFAULT_OPTIONS): void {
  const fast = scoreCsvBytes(body, options);
  expect(fast).not.toBeNull();
  const expected = stringPath(body, options);
  expect(parseCsvBody(fast!.body.toString('utf8'))).toEqual(expected.table);
  expect(fast!.messages).toEqual(expected.messages);
}

describe('CsvCursor (CSV over bytes)', () => {
  it('finds records and cells like parseCsvBody: quotes, doubled quotes, CR, LF, CRLF, no final newline', () => {
    const text = 'a,"b c",d\r\n"x,y","say ""hi""","line1\nline2\r\nline3"\n,,\r"",ท,😀';
    const cursor = new CsvCursor(Buffer.from(text));
    const records: string[][] = [];
    while (cursor.next()) records.push(cursor.texts());
    expect(cursor.malformed).toBe(false);
    const table = parseCsvBody(text);
    expect(records).toEqual([table.header, ...table.rows]);
  });

  it('gives each record\'s exact byte range, terminator excluded', () => {
    const body = Buffer.from('h1,h2\r\n"a\nb",c\nd,e');
    const cursor = new CsvCursor(body);
    const ranges: string[] = [];
    while (cursor.next()) ranges.push(body.toString('utf8', cursor.recordStart, cursor.recordEnd));
    expect(ranges).toEqual(['h1,h2', '"a\nb",c', 'd,e']);
  });

  it.each([['an unterminated quote', 'a\n"abc\n'], ['text after a closing quote', 'a\n"abc"x\n']])('marks %s as malformed', (_name, text) => {
    const cursor = new CsvCursor(Buffer.from(text));
    while (cursor.next());
    expect(cursor.malformed).toBe(true);
  });

  it('reads empty cells as empty, quoted or not, without decoding them', () => {
    const cursor = new CsvCursor(Buffer.from('a,"",b\n'));
    cursor.next();
    expect([cursor.isEmpty(0), cursor.isEmpty(1), cursor.isEmpty(2)]).toEqual([false, true, false]);
  });
});

describe('scoring over bytes gives what the string path gives', () => {
  it('on Sysmon, CIM and multivalue cells with quotes, commas, newlines and unicode', () => {
    const body = Buffer.from(
      'Image,CommandLine,"__mv_CommandLine",process_path,_chunked_idx\r\n' +
        '"C:\\x\\code.exe","code tunnel --accept-server-license-terms\nsecond, ""quoted""",,,0\r\n' +
        `app.exe,a,"${encodeMultivalue(['a', 'b tunnel $x']).replace(/"/g, '""')}",,1\r\n` +
        ',,,"C:\\Users\\ท\\Code.exe",2',
    );
    expectSameAsStringPath(body);
  });

  it('on a header-only body and on a chunk with none of the fields (WARN)', () => {
    expectSameAsStringPath(Buffer.from('Image,_chunked_idx\n'));
    expectSameAsStringPath(Buffer.from('_time,foo\n1,a\n2,b\n'));
  });

  it('with raw=true on _raw XmlWinEventLog cells, readable or not (WARN counts them)', () => {
    const xml = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>1</EventID></System><EventData><Data Name='CommandLine'>code tunnel --provider github</Data></EventData></Event>";
    const body = Buffer.from(`_raw,_chunked_idx\n"${xml.replace(/"/g, '""')}",0\nnot xml,1\n`);
    expectSameAsStringPath(body, { ...DEFAULT_OPTIONS, raw: true });
  });

  it('leaves to the string path: empty body, invalid UTF-8, ragged rows, malformed CSV, existing output columns', () => {
    expect(scoreCsvBytes(Buffer.alloc(0), DEFAULT_OPTIONS)).toBeNull();
    expect(scoreCsvBytes(Buffer.from([0x61, 0x0a, 0xff, 0x0a]), DEFAULT_OPTIONS)).toBeNull();
    expect(scoreCsvBytes(Buffer.from('a\n1,2\n'), DEFAULT_OPTIONS)).toBeNull();
    expect(scoreCsvBytes(Buffer.from('a\n"1\n'), DEFAULT_OPTIONS)).toBeNull();
    expect(scoreCsvBytes(Buffer.from('Image,RiskScore\nx,5\n'), DEFAULT_OPTIONS)).toBeNull();
    expect(() => parseCsvBody('a\n1,2\n')).toThrow(ProtocolError);
  });

  it('copies untouched cells byte for byte (splunkd quoting kept)', () => {
    const body = Buffer.from('"Image","x y",_chunked_idx\n"C:\\a.exe","1.5",0\n');
    const out = scoreCsvBytes(body, DEFAULT_OPTIONS)!.body.toString('utf8');
    expect(out.split('\n')[1].startsWith('"C:\\a.exe","1.5",0,')).toBe(true);
  });

  it('decodes a 1 MB cell of doubled quotes exactly (no per-quote string building)', () => {
    const value = '\\"'.repeat(512 * 1024);
    const body = Buffer.from(`CommandLine,_chunked_idx\n"${value.replace(/"/g, '""')}",0\n`);
    const cursor = new CsvCursor(body);
    cursor.next();
    cursor.next();
    expect(cursor.text(0)).toBe(value);
  });

  it('on generated tables (fast-check): same rows, same fields, same messages', () => {
    const cell = fc.array(fc.constantFrom('a', ' ', ',', '"', '\n', '\r\n', '$', ';', 'tunnel', 'code.exe', 'ท', '😀', '--github'), { maxLength: 6 }).map((p) => p.join(''));
    const names = fc.uniqueArray(fc.constantFrom('Image', 'CommandLine', '__mv_CommandLine', 'process', 'process_path', 'x', '_raw', 'host', '_chunked_idx'), { minLength: 1, maxLength: 6 });
    const table = names.chain((header) => fc.array(fc.array(cell, { minLength: header.length, maxLength: header.length }), { maxLength: 8 }).map((rows) => ({ header, rows })));
    fc.assert(
      fc.property(table, fc.boolean(), fc.boolean(), (t, crlf, raw) => {
        let text = writeCsvBody(t);
        if (crlf) text = text.replace(/\n(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\r\n');
        const body = Buffer.from(text);
        const options = { ...DEFAULT_OPTIONS, raw };
        const fast = scoreCsvBytes(body, options);
        if (fast === null) return text === '';
        const expected = stringPath(body, options);
        expect(parseCsvBody(fast.body.toString('utf8'))).toEqual(expected.table);
        expect(fast.messages).toEqual(expected.messages);
        return true;
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});

describeWithShared('scoring over bytes on splunkd recordings', () => {
  it.each(['sum.map.input.gz', 'countmatches.input.gz'])('%s: every execute body gives what the string path gives', (name) => {
    const bytes = gunzipSync(readFileSync(sharedPath('reference', 'scpv2', 'splunk-sdk-python', 'scpv2-Splunk-6.3', name)));
    const chunks = readRecording(bytes).filter((c) => c.metadata.action === 'execute');
    expect(chunks.length).toBeGreaterThan(0);
    for (const chunk of chunks) expectSameAsStringPath(chunk.body);
  });
});
