/**
 * A small reader for the two Splunk `.conf` files `idetunnel validate` needs (savedsearches.conf and
 * macros.conf), following the Admin Manual's "Configuration file structure": `[stanza]` headers,
 * `key = value` settings, `#` comment lines, a trailing backslash continuing a value on the next line
 * (the line break is kept). A stanza opened twice merges; the last value of a key wins.
 * TEMPORARY: the app-content work adds a full parser under src/appconf/; switch to it once merged.
 */

/** Stanza name -> settings (key -> value). */
export type ConfStanzas = Map<string, Map<string, string>>;

/** Parses `.conf` text. Lines that are neither header, comment, blank nor `key = value` are skipped. */
export function parseConfText(text: string): ConfStanzas {
  const stanzas: ConfStanzas = new Map();
  let current = stanzaOf(stanzas, 'default');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)}\n${lines[++i]}`;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(trimmed);
    if (header) {
      current = stanzaOf(stanzas, header[1].trim());
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return stanzas;
}

function stanzaOf(stanzas: ConfStanzas, name: string): Map<string, string> {
  let stanza = stanzas.get(name);
  if (!stanza) stanzas.set(name, (stanza = new Map()));
  return stanza;
}
