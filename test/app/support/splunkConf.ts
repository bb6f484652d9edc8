/**
 * A Splunk .conf file as stanzas of settings, read the way splunkd reads it
 * (admin manual "About configuration files" / every *.conf.spec header):
 * - `[stanza name]` headers (names may contain spaces); settings before the first header belong
 *   to the `default` stanza;
 * - `key = value` lines; whitespace around key and value is trimmed; the last definition wins;
 * - lines starting with `#` are comments;
 * - a line ending in a backslash continues on the next line (the value keeps the line break).
 */
export type Conf = Map<string, Map<string, string>>;

/** Parses the text of a .conf file. Lines that are neither comments, headers nor settings are ignored, as splunkd does. */
export function parseConf(text: string): Conf {
  const conf: Conf = new Map([['default', new Map()]]);
  let stanza = conf.get('default') as Map<string, string>;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)}\n${lines[++i]}`;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(trimmed);
    if (header) {
      const name = header[1];
      if (!conf.has(name)) conf.set(name, new Map());
      stanza = conf.get(name) as Map<string, string>;
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (eq > 0) stanza.set(trimmed.slice(0, eq).trim(), trimmed.slice(eq + 1).trim());
  }
  return conf;
}

/** Layers `local` over `default` (same stanza: local settings win), as splunkd merges an app's folders. */
export function mergeConf(base: Conf, override: Conf): Conf {
  const merged: Conf = new Map([...base].map(([name, settings]) => [name, new Map(settings)]));
  for (const [name, settings] of override) {
    const target = merged.get(name) ?? new Map<string, string>();
    for (const [key, value] of settings) target.set(key, value);
    merged.set(name, target);
  }
  return merged;
}
