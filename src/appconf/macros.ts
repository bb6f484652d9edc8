/**
 * Search macro calls in SPL, as Splunk's Knowledge Manager Manual describes them ("Use search macros
 * in searches", "Define search macros in macros.conf"):
 *
 * - a call is the text between two backticks: `` `name` `` or `` `name(arg1, arg2)` ``;
 * - the macros.conf stanza of a call with N arguments is `[name(N)]`, of a call without arguments `[name]`;
 * - inside the definition, `$arg$` is replaced by the argument with that name from the stanza's `args`;
 * - macros may call other macros; Splunk expands them recursively.
 */
import type { ConfFile } from './parser';
import { AppContentError } from './errors';

/** One macro call found in a search string. */
export interface MacroCall {
  /** Macro name without arguments, e.g. `ide_tunnel_sysmon`. */
  readonly name: string;
  /** Arguments as written, trimmed, surrounding double quotes kept. */
  readonly args: readonly string[];
  /** The whole call including backticks, e.g. `` `ide_tunnel_filter(x)` ``. */
  readonly text: string;
}

/** Error codes of {@link MacroError}. */
export type MacroErrorCode = 'MACRO_UNTERMINATED' | 'MACRO_UNKNOWN' | 'MACRO_RECURSION' | 'MACRO_BAD_ARGS';

/** A macro problem that would make Splunk refuse the search ("Error in 'SearchParser': ..."). */
export class MacroError extends AppContentError<MacroErrorCode> {}

/** Splits `a, "b,c", f(x, y)` at top-level commas (outside double quotes and parentheses). */
function splitArgs(text: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && quoted) {
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === '(') {
      depth++;
    } else if (!quoted && ch === ')') {
      depth--;
    } else if (!quoted && depth === 0 && ch === ',') {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(text.slice(start).trim());
  return args;
}

/**
 * Lists the macro calls of one SPL string (not of the macros it calls).
 * @throws {MacroError} `MACRO_UNTERMINATED` when the number of backticks is odd
 */
export function findMacroCalls(spl: string): MacroCall[] {
  const parts = spl.split('`');
  if (parts.length % 2 === 0) {
    throw new MacroError('MACRO_UNTERMINATED', `odd number of backticks in ${JSON.stringify(spl.slice(0, 120))}`);
  }
  const calls: MacroCall[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    const body = parts[i].trim();
    const open = body.indexOf('(');
    if (open < 0) {
      calls.push({ name: body, args: [], text: `\`${parts[i]}\`` });
      continue;
    }
    if (!body.endsWith(')')) {
      throw new MacroError('MACRO_BAD_ARGS', `macro call ${JSON.stringify(body)} does not end with ")"`);
    }
    const inner = body.slice(open + 1, -1);
    calls.push({
      name: body.slice(0, open).trim(),
      args: inner.trim() === '' ? [] : splitArgs(inner),
      text: `\`${parts[i]}\``,
    });
  }
  return calls;
}

/** The macros.conf stanza a call resolves to: `name` or `name(N)`. */
export function macroStanzaName(call: Pick<MacroCall, 'name' | 'args'>): string {
  return call.args.length === 0 ? call.name : `${call.name}(${call.args.length})`;
}

/** Names in a stanza's `args = a, b` setting, in order. */
export function macroArgNames(args: string | undefined): string[] {
  if (args === undefined || args.trim() === '') return [];
  return args.split(',').map((a) => a.trim());
}

/**
 * Expands every macro call in `spl` using the definitions of a parsed macros.conf, recursively.
 * Eval-based macros (`iseval = 1`) are not supported: this app defines none.
 * @param maxDepth nesting limit; Splunk's own limit is far higher, ours catches accidental recursion
 * @returns SPL with no backtick left
 * @throws {MacroError} `MACRO_UNKNOWN` for a call without stanza, `MACRO_BAD_ARGS` when `args` does not
 *   name as many arguments as the stanza name declares, `MACRO_RECURSION` past `maxDepth`
 */
export function expandMacros(spl: string, macros: ConfFile, maxDepth = 20): string {
  if (maxDepth < 0) throw new MacroError('MACRO_RECURSION', `nesting deeper than the limit in ${spl.slice(0, 120)}`);
  let out = spl;
  for (const call of findMacroCalls(spl)) {
    const stanzaName = macroStanzaName(call);
    const stanza = macros.stanzas.get(stanzaName);
    const definition = stanza?.settings.get('definition');
    if (!stanza || definition === undefined) {
      throw new MacroError('MACRO_UNKNOWN', `no [${stanzaName}] with a definition for ${call.text}`);
    }
    const names = macroArgNames(stanza.settings.get('args'));
    if (names.length !== call.args.length) {
      throw new MacroError('MACRO_BAD_ARGS', `[${stanzaName}] names ${names.length} args, call passes ${call.args.length}`);
    }
    let body = definition;
    names.forEach((argName, i) => {
      body = body.split(`$${argName}$`).join(call.args[i]);
    });
    const expanded = expandMacros(body, macros, maxDepth - 1);
    out = out.replace(call.text, () => expanded);
  }
  return out;
}
