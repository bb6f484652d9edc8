import { decodeMultivalue, encodeMultivalue, parseCsvBody, writeCsvBody } from '../../src/protocol/csvBody';
import { ProtocolError } from '../../src/protocol/errors';

describe('CSV body codec (RFC 4180)', () => {
  it('parses quoted cells with commas, doubled quotes, CR and LF', () => {
    const table = parseCsvBody('a,"b c",d\r\n"x,y","say ""hi""","line1\nline2\r\nline3"\n,,\n');
    expect(table.header).toEqual(['a', 'b c', 'd']);
    expect(table.rows).toEqual([
      ['x,y', 'say "hi"', 'line1\nline2\r\nline3'],
      ['', '', ''],
    ]);
  });

  it('reads a body with no final newline and a header-only body', () => {
    expect(parseCsvBody('a,b\n1,2').rows).toEqual([['1', '2']]);
    expect(parseCsvBody('a,"__mv_a"\n')).toEqual({ header: ['a', '__mv_a'], rows: [] });
    expect(parseCsvBody('')).toEqual({ header: [], rows: [] });
  });

  it('round-trips through the writer', () => {
    const table = { header: ['x', 'y,z'], rows: [['a"b', ''], ['\n', 'ท 😀']] };
    expect(parseCsvBody(writeCsvBody(table))).toEqual(table);
  });

  it.each([
    ['an unterminated quote', 'a\n"abc\n'],
    ['text after a closing quote', 'a\n"abc"x\n'],
    ['a row with more cells than the header', 'a\n1,2\n'],
  ])('refuses %s', (_name, body) => {
    expect(() => parseCsvBody(body, 3)).toThrow(ProtocolError);
  });
});

describe('__mv_ multivalue encoding', () => {
  it('decodes $v1$;$v2$ with $$ as a literal $', () => {
    expect(decodeMultivalue('$a$;$b$$c$;$$')).toEqual(['a', 'b$c', '']);
    expect(decodeMultivalue('$only$')).toEqual(['only']);
  });

  it('returns null for cells not in the encoding', () => {
    expect(decodeMultivalue('')).toBeNull();
    expect(decodeMultivalue('plain')).toBeNull();
    expect(decodeMultivalue('$open')).toBeNull();
    expect(decodeMultivalue('$a$b')).toBeNull();
  });

  it('encodes what it decodes', () => {
    const values = ['a;b', '$5', '', 'x$'];
    expect(decodeMultivalue(encodeMultivalue(values))).toEqual(values);
  });
});
