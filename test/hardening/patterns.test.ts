import { spawnSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { analyse } from 'scslre';
import * as ts from 'typescript';

/**
 * Every regular expression in the command's source runs in linear time on adversarial input.
 * - Collected from ALL of `src/**\/*.ts` (so files added later are covered): regex literals and
 *   `RegExp(...)` / `new RegExp(...)` calls found with the TypeScript parser, plus every RegExp
 *   built while the modules load (tables of patterns built from strings), caught by wrapping the
 *   RegExp constructor. A `RegExp` built at run time from a non-literal inside a function cannot be
 *   checked here and fails the test: build it at module load (a table) instead.
 * - Static check: scslre (super-linear backtracking of the nested-quantifier kind, and "move"
 *   quadratic scans of unanchored patterns) must report nothing.
 * - Liveness: each pattern is run against 1 MB adversarial inputs; each run is bounded (a hang
 *   check: linear matching of 1 MB takes milliseconds, a quadratic one minutes).
 */

const SRC = path.resolve(__dirname, '..', '..', 'src');
const MB = 1024 * 1024;
const RUN_BOUND_MS = 5000;

interface FoundPattern {
  where: string;
  regex: RegExp;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Regex literals and RegExp(...) calls in one file; non-literal RegExp arguments are `dynamic`. */
function scanFile(file: string): { found: FoundPattern[]; dynamic: string[] } {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: FoundPattern[] = [];
  const dynamic: string[] = [];
  const where = (node: ts.Node) => `${path.relative(SRC, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText();
      const slash = literal.lastIndexOf('/');
      found.push({ where: where(node), regex: new RegExp(literal.slice(1, slash), literal.slice(slash + 1)) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [pattern, flags] = node.arguments ?? [];
      const isText = (n: ts.Expression | undefined) => n !== undefined && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n));
      if (isText(pattern) && (flags === undefined || isText(flags))) {
        found.push({ where: where(node), regex: new RegExp((pattern as ts.StringLiteral).text, flags ? (flags as ts.StringLiteral).text : '') });
      } else {
        dynamic.push(where(node));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { found, dynamic };
}

/** Is the construction at `where` inside a function (run per call) rather than at module load? */
function insideFunction(file: string, line: number): boolean {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  let inside = false;
  const visit = (node: ts.Node, inFunction: boolean): void => {
    const start = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
    if (line < start || line > end) return;
    const fn = inFunction || ts.isFunctionLike(node);
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && start === line && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      inside = inside || fn;
    }
    ts.forEachChild(node, (child) => visit(child, fn));
  };
  visit(source, false);
  return inside;
}

/** RegExps built while the modules load (pattern tables), caught by wrapping the constructor. */
function regexpsBuiltAtLoad(files: string[]): FoundPattern[] {
  const built: FoundPattern[] = [];
  const Original = RegExp;
  let current = '';
  const recording = new Proxy(Original, {
    construct(target, args: [string | RegExp, string?]) {
      const regex = Reflect.construct(target, args) as RegExp;
      built.push({ where: `${current} (built at load)`, regex });
      return regex;
    },
    apply(target, _this, args: [string | RegExp, string?]) {
      const regex = Reflect.construct(target, args) as RegExp;
      built.push({ where: `${current} (built at load)`, regex });
      return regex;
    },
  });
  globalThis.RegExp = recording;
  try {
    jest.isolateModules(() => {
      for (const file of files) {
        current = path.relative(SRC, file);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous load inside isolateModules, with the wrapped constructor in place
        require(file);
      }
    });
  } finally {
    globalThis.RegExp = Original;
  }
  return built;
}

/** Entry points run main() when loaded (the web pages' start() needs a browser); everything else is a plain module. */
const ENTRY_POINTS = new Set(['command/main.ts', 'cli/main.ts', 'web/setup/main.ts', 'web/allowlist/main.ts']);

const files = sourceFiles(SRC);
const scanned = files.map((file) => ({ file, ...scanFile(file) }));
const literalPatterns = scanned.flatMap((s) => s.found);
const loadPatterns = regexpsBuiltAtLoad(files.filter((f) => !ENTRY_POINTS.has(path.relative(SRC, f).split(path.sep).join('/'))));

function unique(patterns: FoundPattern[]): FoundPattern[] {
  const byKey = new Map<string, FoundPattern>();
  for (const p of patterns) {
    const key = `/${p.regex.source}/${p.regex.flags}`;
    if (!byKey.has(key)) byKey.set(key, p);
  }
  return [...byKey.values()];
}

const ALL = unique([...literalPatterns, ...loadPatterns]);

/** Pieces whose 1 MB repetitions make the adversarial inputs: single characters and literal runs of the pattern. */
function adversarialPieces(regex: RegExp, attackCharacters: string[]): string[] {
  const pieces = new Set<string>([' ', '\t', 'a', 'A', '-', '\\', '/', '.', '"', '<', '0', '$', ';', ',', '\n', 'é', 'ท', ...attackCharacters]);
  for (const ch of regex.source.replace(/\\./g, '')) if (/[\w-]/.test(ch)) pieces.add(ch);
  for (const run of regex.source.split(/[^\w\- ]+/)) if (run.length >= 2) pieces.add(run);
  return [...pieces];
}

/**
 * Runs `regex.test` on `piece.repeat(...)` (1 MB) + a rejecting suffix for every piece, in a child
 * process killed after a bound, so that a catastrophic pattern fails the test instead of hanging it.
 * @returns the pieces whose run did not finish, or ['(child killed ...)'] when the child timed out
 */
function slowPieces(regex: RegExp, pieces: string[], boundMs = RUN_BOUND_MS): string[] {
  const script = `
    const { source, flags, pieces, size, bound } = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const regex = new RegExp(source, flags);
    const slow = [];
    for (const piece of pieces) {
      const input = piece.repeat(Math.ceil(size / piece.length)) + '\\u0000!';
      const started = Date.now();
      regex.lastIndex = 0;
      regex.test(input);
      if (Date.now() - started > bound) slow.push(piece);
      process.stderr.write('done ' + JSON.stringify(piece) + '\\n');
    }
    process.stdout.write(JSON.stringify(slow));`;
  const result = spawnSync(process.execPath, ['-e', script], {
    input: JSON.stringify({ source: regex.source, flags: regex.flags, pieces, size: MB, bound: boundMs }),
    encoding: 'utf8',
    timeout: boundMs * 4,
    killSignal: 'SIGKILL',
  });
  if (result.status !== 0) {
    const done = (result.stderr.match(/^done /gm) ?? []).length;
    return [`(child killed after ${boundMs * 4} ms while running on repeated ${JSON.stringify(pieces[done])})`];
  }
  return JSON.parse(result.stdout) as string[];
}

describe('regular expressions in src/ run in linear time', () => {
  it('finds the patterns it is meant to check (so the checks below can fail)', () => {
    expect(literalPatterns.some(({ regex }) => regex.source.includes('code-tunnel'))).toBe(true);
    expect(ALL.length).toBeGreaterThan(5);
  });

  it('builds no RegExp from a non-literal inside a function (those could not be checked)', () => {
    const perCall = scanned.flatMap(({ file, dynamic }) =>
      dynamic.filter((where) => insideFunction(file, Number(where.split(':').pop()))),
    );
    expect(perCall).toEqual([]);
  });

  it('scslre reports no super-linear backtracking or quadratic move in any pattern', () => {
    const reports = ALL.flatMap(({ where, regex }) =>
      analyse({ source: regex.source, flags: regex.flags }).reports.map(
        (r) => `${where} /${regex.source}/${regex.flags}: ${r.type}${r.exponential ? ' (exponential)' : ''} on repeated ${JSON.stringify(r.character.pick)}`,
      ),
    );
    expect(reports).toEqual([]);
  });

  it('the static check does flag nested quantifiers and unanchored quadratic scans (control)', () => {
    expect(analyse({ source: '(a+)+$', flags: '' }).reports.length).toBeGreaterThan(0);
    expect(analyse({ source: '\\s+github', flags: 'i' }).reports.length).toBeGreaterThan(0);
  });

  it.each(ALL.map((p) => [`${p.where} /${p.regex.source}/${p.regex.flags}`, p] as const))('%s: 1 MB adversarial inputs, each run bounded', (_name, { regex }) => {
    const attack = analyse({ source: regex.source, flags: regex.flags }).reports.map((r) => r.character.pick);
    expect(slowPieces(regex, adversarialPieces(regex, attack))).toEqual([]);
  });

  it('the liveness run does catch a quadratic pattern (control)', () => {
    expect(slowPieces(/\s+github/, [' '], 250)).not.toEqual([]);
  });
});
