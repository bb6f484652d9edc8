import { readFileSync } from 'fs';
import { gunzipSync } from 'zlib';
import fc from 'fast-check';
import { CommandOptions, DEFAULT_OPTIONS } from '../../src/command/options';
import { ReplyScratch, scoreCsvBytes } from '../../src/command/scoreCsvBytes';
import { encodeMultivalue, parseCsvBody, writeCsvBody } from '../../src/protocol/csvBody';
import { CsvCursor } from '../../src/protocol/csvCursor';
import { ProtocolError } from '../../src/protocol/errors';
import { readRecording } from '../helpers/protocolRun';
import { referenceScoreTable } from '../helpers/scoreTable';
import { describeWithShared, sharedPath } from '../helpers/shared';

/** The string path: parse, score in place, write (the tests' reference, test/helpers/scoreTable.ts). */
function stringPath(body: Buffer, options: CommandOptions = DEFAULT_OPTIONS): { table: ReturnType<typeof parseCsvBody>; messages: unknown } {
  const table = parseCsvBody(body.toString('utf8'));
  const messages = referenceScoreTable(table, options);
  return { table: parseCsvBody(writeCsvBody(table)), messages };
}

/**
 * The byte path three ways: into a reply buffer, in place in the chunk's room (the body followed
 * by spare bytes, as ChunkReader gives large chunks), and with a room too small (falls back to the buffer).
 */
function byteReplies(body: Buffer, options: CommandOptions): { body: string; messages: unknown }[] {
  const inPlace = Buffer.alloc(body.length * 2 + 64, 0x58);
  body.copy(inPlace);
  const tight = Buffer.from(body);
  return [
    scoreCsvBytes(body, options),
    scoreCsvBytes(inPlace.subarray(0, body.length), options, new ReplyScratch(), inPlace),
    scoreCsvBytes(tight, options, new ReplyScratch(), tight),
  ].map((r) => ({ body: r.body.toString('utf8'), messages: r.messages }));
}

/** Asserts the byte path gives the same table (after parsing) and messages as the string path. */
function expectSameAsStringPath(body: Buffer, options: CommandOptions = DEFAULT_OPTIONS): void {
  const expected = stringPath(body, options);
  for (const fast of byteReplies(body, options)) {
    expect(parseCsvBody(fast.body)).toEqual(expected.table);
    expect(fast.messages).toEqual(expected.messages);
  }
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

  it('answers an empty body with an empty body', () => {
    expect(scoreCsvBytes(Buffer.alloc(0), DEFAULT_OPTIONS)).toEqual({ body: Buffer.alloc(0), messages: [] });
  });

  it('overwrites input columns named like output fields in place (plain and __mv_), appends the others', () => {
    expectSameAsStringPath(Buffer.from('Image,RiskScore,CommandLine\nx,5,code tunnel --github\ny,"7,",a\n'));
    expectSameAsStringPath(Buffer.from('"__mv_ide_tunnel_reasons",IsCodeCLI,__mv_RiskScore,ide_tunnel_reasons\n$a$;$b$,9,$x$,r\n'), { ...DEFAULT_OPTIONS, threshold: 0, explain: 'full' });
    const out = scoreCsvBytes(Buffer.from('"Image",RiskScore\n"C:\\a.exe",99\n'), DEFAULT_OPTIONS).body.toString('utf8');
    expect(out.split('\n')[1].startsWith('"C:\\a.exe",0,')).toBe(true);
  });

  it('returns invalid UTF-8 as sent and scores it as U+FFFD, as the string path reads it', () => {
    const body = Buffer.concat([Buffer.from('CommandLine,Image\n"code tunnel '), Buffer.from([0xff, 0xc3]), Buffer.from('",x\n')]);
    const reply = scoreCsvBytes(body, DEFAULT_OPTIONS).body;
    const row = body.subarray(body.indexOf(0x0a) + 1, body.length - 1);
    expect(reply.indexOf(row)).toBeGreaterThan(0);
    const expected = stringPath(body);
    expect(parseCsvBody(reply.toString('utf8'))).toEqual(expected.table);
  });

  it.each([
    ['a ragged row', 'a,b\n1,2\n3\n', /^chunk 4: row 2 \(the header is row 0\), byte 8: 1 cells but the header has 2$/],
    ['a ragged row the record index finds', 'EventCode,Image\n1,x\n1,y,z\n', /^chunk 4: row 2 \(the header is row 0\), byte 20: 3 cells but the header has 2$/],
    ['an unterminated quote', 'a\n1\n"abc\n', /^chunk 4: row 2 \(the header is row 0\), byte 4: unterminated quoted cell/],
    ['text after a closing quote', 'a\n"abc"x\n', /^chunk 4: row 1 \(the header is row 0\), byte 7: text after a closing quote$/],
  ])('refuses %s with BAD_CSV naming the chunk, row and byte', (_name, text, message) => {
    for (const indexer of [undefined, null]) {
      let error: unknown;
      try {
        scoreCsvBytes(Buffer.from(text), DEFAULT_OPTIONS, new ReplyScratch(), undefined, indexer, 4);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).code).toBe('BAD_CSV');
      expect((error as ProtocolError).message).toMatch(message);
    }
    expect(() => parseCsvBody(text)).toThrow(ProtocolError);
  });

  it('copies untouched cells byte for byte (splunkd quoting kept)', () => {
    const body = Buffer.from('"Image","x y",_chunked_idx\n"C:\\a.exe","1.5",0\n');
    const out = scoreCsvBytes(body, DEFAULT_OPTIONS).body.toString('utf8');
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
    const names = fc.uniqueArray(fc.constantFrom('Image', 'CommandLine', '__mv_CommandLine', 'process', 'process_path', 'x', '_raw', 'host', '_chunked_idx', 'RiskScore', '__mv_ide_tunnel_reasons', '__mv_IsCodeCLI'), { minLength: 1, maxLength: 6 });
    const table = names.chain((header) => fc.array(fc.array(cell, { minLength: header.length, maxLength: header.length }), { maxLength: 8 }).map((rows) => ({ header, rows })));
    fc.assert(
      fc.property(table, fc.boolean(), fc.boolean(), (t, crlf, raw) => {
        let text = writeCsvBody(t);
        if (crlf) text = text.replace(/\n(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\r\n');
        const body = Buffer.from(text);
        const options = { ...DEFAULT_OPTIONS, raw };
        const expected = stringPath(body, options);
        for (const fast of byteReplies(body, options)) {
          expect(parseCsvBody(fast.body)).toEqual(expected.table);
          expect(fast.messages).toEqual(expected.messages);
        }
        return true;
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('the reply built in place (assembleInPlace)', () => {
  it('is the reply-buffer reply for every spare room after the reply, from none to more than the 256 KiB stage', () => {
    // Rows of every size: short, long (a 300 KB cell: larger than the stage, moved alone), CRLF and quoted line breaks.
    const rows = Array.from({ length: 400 }, (_, i) => [
      i % 97 === 0 ? `C:\\x\\${'y'.repeat(300_000)}.exe` : `C:\\Windows\\System32\\cmd${i}.exe`,
      i % 5 === 0 ? `cmd /c "echo ${i}\r\nx"` : `code tunnel --name n${i}`,
      '1',
    ]);
    const body = Buffer.from(writeCsvBody({ header: ['Image', 'CommandLine', 'EventCode'], rows }));
    const expected = scoreCsvBytes(Buffer.from(body), DEFAULT_OPTIONS)!.body.toString('utf8');
    const total = Buffer.byteLength(expected);
    let inPlace = 0;
    for (const spare of [0, 1, 2, 7, 100, 4_096, 100_000, 262_143, 262_144, 262_145, 1_000_000]) {
      const room = Buffer.alloc(total + spare, 0x58);
      body.copy(room);
      const reply = scoreCsvBytes(room.subarray(0, body.length), DEFAULT_OPTIONS, new ReplyScratch(), room);
      expect(reply!.body.toString('utf8')).toBe(expected);
      if (reply!.body.buffer === room.buffer) inPlace++;
    }
    expect(inPlace).toBe(11);
  });

  it('is the reply-buffer reply for each spare room of 0 to 600 bytes (runs that just fit the stage, or just do not)', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`C:\\x\\p${'q'.repeat(i % 13)}.exe`, i % 4 === 0 ? `"a"",b"\n${i}` : `c ${i}`, '1']);
    const body = Buffer.from(writeCsvBody({ header: ['Image', 'CommandLine', 'EventCode'], rows }));
    const expected = scoreCsvBytes(Buffer.from(body), DEFAULT_OPTIONS)!.body.toString('utf8');
    const total = Buffer.byteLength(expected);
    for (let spare = 0; spare <= 600; spare++) {
      const room = Buffer.alloc(total + spare, 0x58);
      body.copy(room);
      expect(scoreCsvBytes(room.subarray(0, body.length), DEFAULT_OPTIONS, new ReplyScratch(), room)!.body.toString('utf8')).toBe(expected);
    }
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
