/**
 * The layer rules of src/ (../shared/conventions.md "The shape": data flows one way, protocol ->
 * events -> detection, with the command wiring them), checked on every import statement so that
 * they stay true: each rule lists the src/ folders a folder may import from.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|cts)$/.test(name) ? [full] : [];
  });
}

/** Module specifiers of a file: `import ... from`, `export ... from`, side-effect `import '...'`, `import('...')`, `require('...')`. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) out.push(match[1]);
  return out;
}

/** One import of one src file: where from (a path under src/) and what (a path under src/, or a package name). */
interface Import {
  from: string;
  to: string;
}

const IMPORTS: Import[] = sourceFiles(SRC).flatMap((file) => {
  const from = path.relative(SRC, file).split(path.sep).join('/');
  return specifiers(readFileSync(file, 'utf8')).map((spec) => ({
    from,
    to: spec.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), spec)).split(path.sep).join('/') : `package:${spec}`,
  }));
});

const folderOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file);

/** Imports from files under `folder` into src/ files outside `allowed` (and outside `folder` itself). */
function importsOutside(folder: string, allowed: readonly string[]): string[] {
  return IMPORTS.filter(({ from, to }) => folderOf(from) === folder && !to.startsWith('package:') && folderOf(to) !== folder && !allowed.includes(folderOf(to))).map(
    ({ from, to }) => `${from} -> ${to}`,
  );
}

describe('layer rules of src/ (import statements)', () => {
  it('finds the imports it checks (the scan is not empty)', () => {
    expect(IMPORTS.filter(({ from }) => from.startsWith('command/')).length).toBeGreaterThan(10);
    expect(IMPORTS).toContainEqual({ from: 'command/idetunnelscore.ts', to: 'command/scoreCsvBytes' });
  });

  it('src/protocol imports no other src folder (framing, CSV and the session only)', () => {
    expect(importsOutside('protocol', [])).toEqual([]);
  });

  it('src/events imports only src/protocol (the CSV table it reads rows from)', () => {
    expect(importsOutside('events', ['protocol'])).toEqual([]);
  });

  it('src/detection imports only src/events', () => {
    expect(importsOutside('detection', ['events'])).toEqual([]);
  });

  it('nothing under src/detection, src/events, src/protocol imports src/command', () => {
    const up = IMPORTS.filter(({ from, to }) => ['detection', 'events', 'protocol'].includes(folderOf(from)) && folderOf(to) === 'command');
    expect(up).toEqual([]);
  });

  it('src/readers (the event readers of the CLI, lab and eval) imports only src/events', () => {
    expect(importsOutside('readers', ['events'])).toEqual([]);
  });

  it('src/cli does not import src/lab (src/idetunnel.ts composes both)', () => {
    expect(IMPORTS.filter(({ from, to }) => folderOf(from) === 'cli' && folderOf(to) === 'lab')).toEqual([]);
    expect(IMPORTS).toContainEqual({ from: 'idetunnel.ts', to: 'lab/labCommands' });
  });

  it('src/lab imports the CLI only through cli/formatRows', () => {
    const intoCli = IMPORTS.filter(({ from, to }) => folderOf(from) === 'lab' && folderOf(to) === 'cli').map(({ to }) => to);
    expect([...new Set(intoCli)]).toEqual(['cli/formatRows']);
  });
});

describe('src/protocol knows nothing about Sysmon or the detection', () => {
  it.each(['EventCode', 'Image', 'CommandLine', 'KEY_WORD', 'Sysmon'])('no %s in src/protocol', (word) => {
    const hits = sourceFiles(path.join(SRC, 'protocol')).filter((file) => new RegExp(`\\b${word}\\b`).test(readFileSync(file, 'utf8')));
    expect(hits.map((file) => path.relative(SRC, file))).toEqual([]);
  });
});
