/**
 * src/web/allowlist/rows.ts: the checks the allowlist page applies before writing a row (the rules
 * of the `ide_tunnel_allowlist` macro: lower case, * wildcards, reason required, YYYY-MM-DD or
 * never), and the SPL literals of the preview search.
 */
import { isActive, isCalendarDate, normaliseRow, sameMatch, splString, wildcardRegex, type RowInput } from '../../src/web/allowlist/rows';
import { allowlistPreviewSearch } from '../../src/web/searches';

const TODAY = '2026-12-03';
const input = (over: Partial<RowInput>): RowInput => ({ host: '*', user: '*', process_path: '*', reason: 'expected', expires: '', never: true, ...over });

describe('normaliseRow', () => {
  it('lower-cases and trims the matched fields, and empty means *', () => {
    expect(normaliseRow(input({ host: ' Build-* ', user: '', process_path: 'C:\\Tools\\Code.EXE' }), TODAY)).toEqual({
      row: { host: 'build-*', user: '*', process_path: 'c:\\tools\\code.exe', reason: 'expected', expires: 'never' },
    });
  });

  it('keeps the reason as written and the expiry day', () => {
    expect(normaliseRow(input({ host: 'a', reason: '  CHG-1 Approved ', never: false, expires: TODAY }), TODAY)).toEqual({
      row: { host: 'a', user: '*', process_path: '*', reason: 'CHG-1 Approved', expires: TODAY },
    });
  });

  it('refuses a row of only wildcards, a missing reason, control characters and bad or past dates', () => {
    const refused = (over: Partial<RowInput>) => {
      const result = normaliseRow(input(over), TODAY);
      return 'errors' in result ? Object.keys(result.errors).sort() : [];
    };
    expect(refused({ host: '**' })).toEqual(['host']);
    expect(refused({ host: 'a', reason: ' ' })).toEqual(['reason']);
    expect(refused({ host: 'a\tb' })).toEqual(['host']);
    expect(refused({ host: 'a', never: false, expires: '2026-02-30' })).toEqual(['expires']);
    expect(refused({ host: 'a', never: false, expires: '2026-12-02' })).toEqual(['expires']);
    expect(refused({ host: 'a', never: false, expires: '' })).toEqual(['expires']);
    expect(refused({ host: 'x'.repeat(1025) })).toEqual(['host']);
  });
});

describe('dates and matching', () => {
  it('knows calendar days', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('treats a row as active through the end of its expiry day, as ide_tunnel_allowlist_active does', () => {
    expect(isActive({ expires: TODAY }, TODAY)).toBe(true);
    expect(isActive({ expires: '2026-12-02' }, TODAY)).toBe(false);
    expect(isActive({ expires: 'Never' }, TODAY)).toBe(true);
    expect(isActive({ expires: '' }, TODAY)).toBe(true);
  });

  it('compares rows by host, user and process path', () => {
    expect(sameMatch({ host: 'a', user: '*', process_path: 'p' }, { host: 'a', user: '*', process_path: 'p' })).toBe(true);
    expect(sameMatch({ host: 'a', user: '*', process_path: 'p' }, { host: 'a', user: 'u', process_path: 'p' })).toBe(false);
  });
});

describe('preview literals', () => {
  it('turns * into .* and escapes every other regex character', () => {
    expect(wildcardRegex('build-*')).toBe('^build-.*$');
    expect(wildcardRegex('c:\\a (x86)\\b.exe')).toBe('^c:\\\\a \\(x86\\)\\\\b\\.exe$');
    expect(new RegExp(wildcardRegex('*\\code.exe')).test('c:\\users\\dev\\code.exe')).toBe(true);
    expect(new RegExp(wildcardRegex('*\\code.exe')).test('c:\\users\\dev\\codeXexe')).toBe(false);
  });

  it('writes SPL string literals that survive a trailing backslash, UNC paths and quotes', () => {
    expect(splString('a\\')).toBe('"a\\\\"');
    expect(splString('\\\\host\\share')).toBe('"\\\\\\\\host\\\\share"');
    expect(splString('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('builds the preview search from the two macros and the row literals only', () => {
    const search = allowlistPreviewSearch({ host: 'h" | delete', user: '*', process_path: '*' });
    expect(search).toBe('search `ide_tunnel_allowlist_preview_events` | eval ide_tunnel_preview_host="^h\\" \\\\| delete$", ide_tunnel_preview_user="^.*$", ide_tunnel_preview_path="^.*$" | `ide_tunnel_allowlist_preview_match`');
  });
});
