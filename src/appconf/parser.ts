/**
 * A parser for Splunk `.conf` files (app.conf, macros.conf, savedsearches.conf, ...), written for
 * the app-content tests and tools. It follows the file format described in Splunk's Admin Manual,
 * "About configuration files" / "Configuration file structure":
 *
 * - `[stanza name]` opens a stanza; names may contain spaces, brackets are not nested
 *   (`[IDE Tunnel - Seed Process Detection - Rule]`, `[ide_tunnel_filter(1)]`). `[]` is the
 *   app-wide stanza of metadata files (default.meta) and gets the empty name.
 * - `key = value` sets a value inside the current stanza; whitespace around `=` and at both ends is
 *   dropped. Settings before the first stanza belong to the `default` stanza.
 * - A line whose first non-blank character is `#` is a comment. `#` later on a line is part of the value
 *   (Splunk has no trailing comments).
 * - A line ending in a backslash continues on the next line. The backslash is removed and the line
 *   break is kept, which is how Splunk stores multi-line searches in savedsearches.conf and
 *   multi-line macro definitions in macros.conf.
 * - A key set twice in one stanza keeps the last value; a stanza opened twice merges (last value wins),
 *   matching Splunk's layering of a single file.
 */
import { AppContentError } from './errors';

/** One stanza: its name as written between the brackets, its settings, and where it starts. */
export interface ConfStanza {
  /** Name between `[` and `]`, trimmed (e.g. `ide_tunnel_filter(1)`); `default` for settings before any stanza. */
  readonly name: string;
  /** Settings in file order; value is the text after `=` with continuation lines joined by `\n`. */
  readonly settings: Map<string, string>;
  /** 1-based line number of the stanza header (0 for the implicit `default` stanza). */
  readonly line: number;
}

/** A parsed file: stanzas in first-seen order, addressable by name. */
export interface ConfFile {
  readonly stanzas: Map<string, ConfStanza>;
}

/** Error codes of {@link ConfParseError}. */
export type ConfParseErrorCode = 'CONF_BAD_STANZA' | 'CONF_BAD_LINE' | 'CONF_DANGLING_CONTINUATION';

/** Raised for text Splunk itself would reject or misread; carries the 1-based line number. */
export class ConfParseError extends AppContentError<ConfParseErrorCode> {
  constructor(
    code: ConfParseErrorCode,
    readonly lineNumber: number,
    message: string,
  ) {
    super(code, `line ${lineNumber}: ${message}`);
  }
}

interface LogicalLine {
  text: string;
  line: number;
}

/** Joins physical lines ending in `\` with the next one, keeping the line break between them. */
function logicalLines(text: string): LogicalLine[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: LogicalLine[] = [];
  let pending: LogicalLine | undefined;
  physical.forEach((raw, index) => {
    const continues = /\\$/.test(raw);
    const body = continues ? raw.slice(0, -1) : raw;
    if (pending) {
      pending.text += `\n${body}`;
    } else {
      pending = { text: body, line: index + 1 };
    }
    if (!continues) {
      out.push(pending);
      pending = undefined;
    }
  });
  if (pending) {
    throw new ConfParseError('CONF_DANGLING_CONTINUATION', pending.line, 'last line ends with a continuation backslash');
  }
  return out;
}

/**
 * Parses the text of one `.conf` file.
 * @param text file content (UTF-8 decoded; a leading BOM is ignored; LF or CRLF line ends)
 * @returns stanzas by name, in first-seen order
 * @throws {ConfParseError} `CONF_BAD_STANZA` for a header without closing bracket or with text after it,
 *   `CONF_BAD_LINE` for a non-blank, non-comment line without `=`, `CONF_DANGLING_CONTINUATION` when the
 *   file ends inside a continued line
 */
export function parseConf(text: string): ConfFile {
  const stanzas = new Map<string, ConfStanza>();
  const open = (name: string, line: number): ConfStanza => {
    const existing = stanzas.get(name);
    if (existing) return existing;
    const created: ConfStanza = { name, settings: new Map(), line };
    stanzas.set(name, created);
    return created;
  };
  let current: ConfStanza | undefined;

  for (const { text: logical, line } of logicalLines(text)) {
    const trimmed = logical.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('[')) {
      const close = trimmed.lastIndexOf(']');
      if (close !== trimmed.length - 1) {
        throw new ConfParseError('CONF_BAD_STANZA', line, `malformed stanza header ${JSON.stringify(trimmed)}`);
      }
      current = open(trimmed.slice(1, close).trim(), line);
      continue;
    }
    const eq = logical.indexOf('=');
    if (eq < 0) {
      throw new ConfParseError('CONF_BAD_LINE', line, `expected "key = value", got ${JSON.stringify(trimmed)}`);
    }
    const key = logical.slice(0, eq).trim();
    if (key === '') {
      throw new ConfParseError('CONF_BAD_LINE', line, 'setting without a key');
    }
    const value = logical.slice(eq + 1).trim();
    (current ?? open('default', 0)).settings.set(key, value);
  }
  return { stanzas };
}

/**
 * Reads one setting, or throws naming the stanza and key (tests use it to fail with context).
 * @throws {Error} when the stanza or key does not exist
 */
export function requireSetting(file: ConfFile, stanza: string, key: string): string {
  const value = file.stanzas.get(stanza)?.settings.get(key);
  if (value === undefined) throw new Error(`missing [${stanza}] ${key}`);
  return value;
}
