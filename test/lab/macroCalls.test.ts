/** conf.ts and macroCalls.ts: the .conf structure (Admin Manual) and macro call resolution (Knowledge Manager Manual). */
import { parseConfText } from '../../src/lab/conf';
import { macroCalls, macroClosure } from '../../src/lab/macroCalls';

describe('parseConfText', () => {
  test('stanzas, comments, continuation lines keep their line breaks, last value wins', () => {
    const conf = parseConfText('# comment\n[a b]\nsearch = x \\\n| y\nk = 1\nk = 2\n\n[m(1)]\nargs = f\n');
    expect(conf.get('a b')?.get('search')).toBe('x \n| y');
    expect(conf.get('a b')?.get('k')).toBe('2');
    expect(conf.get('m(1)')?.get('args')).toBe('f');
  });
});

describe('macro calls', () => {
  test('a call resolves to name or name(N); commas inside quotes or parentheses do not count', () => {
    expect(macroCalls('`a` | `b(x)` | `c("1,2", f(3, 4))` | `d()`').map((c) => c.stanza)).toEqual(['a', 'b(1)', 'c(2)', 'd']);
  });

  test('the closure walks nested macros and reports the undefined ones with where they were called', () => {
    const macros = parseConfText('[base]\ndefinition = `idx` x\n[idx]\ndefinition = index=lab\n[loop]\ndefinition = `loop`\n');
    const closure = macroClosure('`base` | `missing(1, 2)` | `loop`', macros);
    expect([...closure.used].sort()).toEqual(['base', 'idx', 'loop', 'missing(2)']);
    expect(closure.undefinedCalls).toEqual(['`missing(1, 2)` in the search']);
  });
});
