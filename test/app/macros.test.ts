import { parseConf } from '../../src/appconf/parser';
import { expandMacros, findMacroCalls, macroStanzaName, MacroError } from '../../src/appconf/macros';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as MacroError).code;
  }
  return undefined;
};

describe('findMacroCalls', () => {
  it('finds calls with and without arguments and names their stanzas', () => {
    const calls = findMacroCalls('`a` x=1 | `b(one, "two, three", f(x, y))` | stats count');
    expect(calls.map((c) => c.name)).toEqual(['a', 'b']);
    expect(calls[1].args).toEqual(['one', '"two, three"', 'f(x, y)']);
    expect(calls.map(macroStanzaName)).toEqual(['a', 'b(3)']);
  });

  it('treats empty parentheses as no arguments', () => {
    expect(macroStanzaName(findMacroCalls('`a()`')[0])).toBe('a');
  });

  it('rejects an odd number of backticks', () => {
    expect(code(() => findMacroCalls('`a` | `b'))).toBe('MACRO_UNTERMINATED');
  });
});

describe('expandMacros', () => {
  const macros = parseConf(
    [
      '[outer]',
      'definition = `inner(x)` | `plain`',
      '[inner(1)]',
      'args = field',
      'definition = where $field$ > 0 AND note="$$5"',
      '[plain]',
      'definition = stats count',
      '[loop]',
      'definition = `loop`',
      '[twoargs(2)]',
      'args = a',
      'definition = $a$',
    ].join('\n'),
  );

  it('expands nested macros and substitutes named arguments', () => {
    expect(expandMacros('search `outer`', macros)).toBe('search where x > 0 AND note="$$5" | stats count');
  });

  it('reports an unknown macro or a wrong argument count', () => {
    expect(code(() => expandMacros('`missing`', macros))).toBe('MACRO_UNKNOWN');
    expect(code(() => expandMacros('`inner(a, b)`', macros))).toBe('MACRO_UNKNOWN');
    expect(code(() => expandMacros('`twoargs(a, b)`', macros))).toBe('MACRO_BAD_ARGS');
  });

  it('stops on recursion', () => {
    expect(code(() => expandMacros('`loop`', macros))).toBe('MACRO_RECURSION');
  });
});
