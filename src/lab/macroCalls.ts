import type { ConfStanzas } from './conf';

/**
 * Search macro calls, as the Knowledge Manager Manual describes them ("Use search macros in searches"):
 * `` `name` `` or `` `name(arg1, arg2)` ``; a call with N arguments resolves to the macros.conf stanza
 * `[name(N)]`, without arguments to `[name]`; definitions may call other macros.
 */
export interface MacroCall {
  /** Stanza the call resolves to: `name` or `name(N)`. */
  stanza: string;
  /** The call as written, backticks included. */
  text: string;
}

/** The macro calls written in one SPL string (not those inside the macros it calls). */
export function macroCalls(spl: string): MacroCall[] {
  const calls: MacroCall[] = [];
  for (const match of spl.matchAll(/`([^`]+)`/g)) {
    const body = match[1].trim();
    const open = body.indexOf('(');
    const args = open < 0 || !body.endsWith(')') ? -1 : countArgs(body.slice(open + 1, -1));
    const stanza = args < 0 ? body : args === 0 ? body.slice(0, open).trim() : `${body.slice(0, open).trim()}(${args})`;
    calls.push({ stanza, text: match[0] });
  }
  return calls;
}

/** Counts top-level comma-separated arguments (commas inside double quotes or parentheses do not split). */
function countArgs(inner: string): number {
  if (inner.trim() === '') return 0;
  let n = 1;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === ',') n++;
  }
  return n;
}

/** Every macro stanza a search uses, directly or through other macros, and the calls that have no definition. */
export interface MacroClosure {
  used: Set<string>;
  /** `stanza <- where` for each call whose stanza is missing from macros.conf or has no `definition`. */
  undefinedCalls: string[];
}

/** Walks the macro calls of `spl` through `macros` (macros.conf), breadth first; cycles are visited once. */
export function macroClosure(spl: string, macros: ConfStanzas): MacroClosure {
  const used = new Set<string>();
  const undefinedCalls: string[] = [];
  const queue: { spl: string; where: string }[] = [{ spl, where: 'the search' }];
  while (queue.length > 0) {
    const next = queue.shift() as { spl: string; where: string };
    for (const call of macroCalls(next.spl)) {
      if (used.has(call.stanza)) continue;
      used.add(call.stanza);
      const definition = macros.get(call.stanza)?.get('definition');
      if (definition === undefined) undefinedCalls.push(`${call.text} in ${next.where}`);
      else queue.push({ spl: definition, where: `[${call.stanza}]` });
    }
  }
  return { used, undefinedCalls };
}
