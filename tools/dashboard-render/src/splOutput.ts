/**
 * Node entry (bundled by lib/node.mjs): the columns a dashboard data source's SPL ends with, so the
 * render check can prove each fixture yields the same columns, in the same order, as the search.
 * Macros are expanded with the repository's own parser and expander (src/appconf).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConf } from '../../../src/appconf/parser';
import { expandMacros } from '../../../src/appconf/macros';

interface DataSource {
  type: string;
  extend?: string;
  options?: { query?: string };
}

/** Splits SPL at the pipes that separate commands (not inside quotes, brackets or backquotes). */
function commands(spl: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < spl.length; i++) {
    const c = spl[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '|' && depth === 0) {
      out.push(spl.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(spl.slice(start).trim());
  return out.filter(Boolean);
}

const names = (list: string): string[] => [...list.matchAll(/"([^"]+)"|([^\s,"]+)/g)].map((m) => m[1] ?? m[2]);

/**
 * The output columns of SPL that ends in `table ...` and optional `rename ... AS ...`: the table's
 * fields with the renames applied. Returns null when the SPL has no `table` command (stats-only
 * KPIs, timechart), whose columns the check does not compare.
 */
export function outputColumns(spl: string): string[] | null {
  const cmds = commands(spl);
  const at = cmds.map((c) => /^table\s/i.test(c)).lastIndexOf(true);
  if (at < 0) return null;
  let columns = names(cmds[at].replace(/^table\s+/i, ''));
  for (const cmd of cmds.slice(at + 1)) {
    if (!/^rename\s/i.test(cmd)) continue;
    for (const m of cmd.matchAll(/("[^"]+"|[^\s,"]+)\s+AS\s+("[^"]+"|[^\s,"]+)/gi)) {
      const unquote = (s: string): string => s.replace(/^"|"$/g, '');
      columns = columns.map((c) => (c === unquote(m[1]) ? unquote(m[2]) : c));
    }
  }
  return columns;
}

/** Expanded SPL of every data source of a definition (a ds.chain is its base's SPL, then its own). */
export function dataSourceColumns(repo: string, definition: { dataSources: Record<string, DataSource> }): Record<string, string[] | null> {
  const macros = parseConf(readFileSync(join(repo, 'default/macros.conf'), 'utf8'));
  const full = (id: string): string => {
    const ds = definition.dataSources[id];
    const own = ds.options?.query ?? '';
    return ds.type === 'ds.chain' && ds.extend ? `${full(ds.extend)}\n${own}` : own;
  };
  return Object.fromEntries(Object.keys(definition.dataSources).map((id) => [id, outputColumns(expandMacros(full(id), macros))]));
}
