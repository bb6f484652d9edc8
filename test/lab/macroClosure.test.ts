/** macroClosure (src/lab/macroClosure.ts) over macros.conf parsed by the app's parser (src/appconf). */
import * as path from 'path';
import { parseConf } from '../../src/appconf/parser';
import { readAppContent } from '../../src/lab/appContent';
import { macroClosure } from '../../src/lab/macroClosure';

test('walks nested macros, counts name(N) stanzas, visits a cycle once, lists every undefined call with where it is', () => {
  const macros = parseConf('[base]\ndefinition = `idx` x `gone`\n[idx]\ndefinition = index=lab\n[loop]\ndefinition = `loop`\n[t(1)]\nargs = f\ndefinition = table $f$\n');
  const closure = macroClosure('`base` | `missing(1, 2)` | `loop` | `t("a,b")`', macros);
  expect([...closure.used].sort()).toEqual(['base', 'gone', 'idx', 'loop', 'missing(2)', 't(1)']);
  expect(closure.undefinedCalls).toEqual(['`missing(1, 2)` in the search', '`gone` in [base]']);
});

test('the shipped saved searches use only macros defined in default/macros.conf', () => {
  const content = readAppContent(path.resolve(__dirname, '..', '..'));
  expect(content.savedSearches.size).toBeGreaterThan(0);
  for (const [name, search] of content.savedSearches) expect({ name, missing: macroClosure(search, content.macros).undefinedCalls }).toEqual({ name, missing: [] });
});
