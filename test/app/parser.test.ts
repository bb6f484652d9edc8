import { parseConf, ConfParseError, requireSetting } from '../../src/appconf/parser';

describe('parseConf', () => {
  it('reads stanza names with spaces and parentheses as written', () => {
    const file = parseConf('[IDE Tunnel - Seed Process Detection - Rule]\ndisabled = 1\n[ide_tunnel_filter(1)]\nargs = x\n');
    expect([...file.stanzas.keys()]).toEqual(['IDE Tunnel - Seed Process Detection - Rule', 'ide_tunnel_filter(1)']);
    expect(requireSetting(file, 'ide_tunnel_filter(1)', 'args')).toBe('x');
  });

  it('joins continuation lines, dropping the backslash and keeping the line break', () => {
    const file = parseConf('[s]\nsearch = index=x \\\n| stats count \\\n| sort - count\nnext = 1\n');
    expect(requireSetting(file, 's', 'search')).toBe('index=x \n| stats count \n| sort - count');
    expect(requireSetting(file, 's', 'next')).toBe('1');
  });

  it('skips comment lines and blank lines but keeps # inside values', () => {
    const file = parseConf('# header\n\n[s]\n  # indented comment\ncolor = #1F4E79\n');
    expect(file.stanzas.get('s')?.settings.size).toBe(1);
    expect(requireSetting(file, 's', 'color')).toBe('#1F4E79');
  });

  it('reads the app-wide [] stanza of metadata files under the empty name', () => {
    const file = parseConf('[]\naccess = read : [ * ]\n[views]\nexport = none\n');
    expect(requireSetting(file, '', 'access')).toBe('read : [ * ]');
  });

  it('puts settings before the first stanza into "default"', () => {
    const file = parseConf('a = 1\n[s]\nb = 2\n');
    expect(requireSetting(file, 'default', 'a')).toBe('1');
    expect(file.stanzas.get('default')?.line).toBe(0);
  });

  it('keeps the last value of a repeated key and merges a repeated stanza', () => {
    const file = parseConf('[s]\na = 1\n[t]\nx = 0\n[s]\na = 2\nb = 3\n');
    expect(requireSetting(file, 's', 'a')).toBe('2');
    expect(requireSetting(file, 's', 'b')).toBe('3');
    expect(file.stanzas.get('s')?.line).toBe(1);
  });

  it('splits at the first "=" only and trims around it', () => {
    const file = parseConf('[s]\nsearch =  index=main EventCode=1  \nempty =\n');
    expect(requireSetting(file, 's', 'search')).toBe('index=main EventCode=1');
    expect(requireSetting(file, 's', 'empty')).toBe('');
  });

  it('accepts CRLF line ends and a byte order mark', () => {
    const file = parseConf('\uFEFF[s]\r\na = 1 \\\r\n2\r\n');
    expect(requireSetting(file, 's', 'a')).toBe('1 \n2');
  });

  it.each([
    ['[unclosed\n', 'CONF_BAD_STANZA', 1],
    ['[s] trailing\n', 'CONF_BAD_STANZA', 1],
    ['[s]\nno equals sign\n', 'CONF_BAD_LINE', 2],
    ['[s]\n = value\n', 'CONF_BAD_LINE', 2],
    ['[s]\na = 1 \\', 'CONF_DANGLING_CONTINUATION', 2],
  ])('rejects %j with %s at line %d', (text, code, line) => {
    let caught: unknown;
    try {
      parseConf(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfParseError);
    expect((caught as ConfParseError).code).toBe(code);
    expect((caught as ConfParseError).lineNumber).toBe(line);
  });

  it('names the stanza and key when a required setting is missing', () => {
    expect(() => requireSetting(parseConf('[s]\na = 1\n'), 's', 'b')).toThrow('missing [s] b');
  });
});
