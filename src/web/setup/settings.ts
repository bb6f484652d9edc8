/**
 * The setup page's choices and the macro definitions they become (default/macros.conf):
 *   ide_tunnel_index, ide_tunnel_wineventlog_index  `index=x` or `(index=x OR index=y)`
 *   ide_tunnel_threshold                             an integer 0-100
 *   ide_tunnel_summariesonly                         its `summariesonly=` option, other options kept
 * Index names follow indexes.conf: letters, digits, `_` and `-`, not starting with `-`.
 */

/** The macros the setup page reads and writes, by what they hold. */
export const SETUP_MACROS = {
  sysmonIndex: 'ide_tunnel_index',
  wineventlogIndex: 'ide_tunnel_wineventlog_index',
  threshold: 'ide_tunnel_threshold',
  summariesOnly: 'ide_tunnel_summariesonly',
} as const;

const INDEX_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** True when `name` is a valid index name (indexes.conf). */
export function isIndexName(name: string): boolean {
  return INDEX_NAME.test(name) && name.length <= 80;
}

/**
 * The index macro definition for the chosen indexes, in the order given.
 * @throws Error when the list is empty or a name is not a valid index name
 */
export function indexMacroDefinition(indexes: readonly string[]): string {
  if (indexes.length === 0) throw new Error('choose at least one index');
  const bad = indexes.find((name) => !isIndexName(name));
  if (bad !== undefined) throw new Error(`"${bad}" is not an index name`);
  return indexes.length === 1 ? `index=${indexes[0]}` : `(${indexes.map((name) => `index=${name}`).join(' OR ')})`;
}

/**
 * The indexes an index macro definition names when it has the shape indexMacroDefinition writes
 * (also with quoted names), or null for any other (hand-written) definition.
 */
export function indexesOfDefinition(definition: string): string[] | null {
  let body = definition.trim();
  if (body.startsWith('(') && body.endsWith(')')) body = body.slice(1, -1);
  // Tokens split on single whitespace characters (no regex quantifiers: linear on any input).
  const tokens = body.split(/\s/).filter((token) => token !== '');
  if (tokens.length === 0 || tokens.length % 2 === 0) return null;
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (i % 2 === 1) {
      if (tokens[i] !== 'OR') return null;
      continue;
    }
    const match = /^index=(?:"([^"]+)"|([^"()]+))$/.exec(tokens[i]);
    const name = match?.[1] ?? match?.[2];
    if (name === undefined || !isIndexName(name)) return null;
    names.push(name);
  }
  return names;
}

/**
 * Parses the alert threshold field.
 * @returns the integer 0-100, or an error sentence
 */
export function parseThreshold(text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed) || Number(trimmed) > 100) return { error: 'The threshold is a whole number from 0 to 100 (ide_tunnel_score).' };
  return { value: Number(trimmed) };
}

const SUMMARIES_OPTION = /\bsummariesonly\s*=\s*(\S+)/i;

/** Whether an ide_tunnel_summariesonly definition reads accelerated summaries only. */
export function readsSummariesOnly(definition: string): boolean {
  return /^(t|true|1|yes)$/i.test(SUMMARIES_OPTION.exec(definition)?.[1] ?? 'false');
}

/** ide_tunnel_summariesonly with its `summariesonly=` set to `on`, its other tstats options kept. */
export function summariesOnlyDefinition(current: string, on: boolean): string {
  const option = `summariesonly=${on}`;
  return SUMMARIES_OPTION.test(current) ? current.replace(SUMMARIES_OPTION, option) : `${option} ${current}`.trim();
}
