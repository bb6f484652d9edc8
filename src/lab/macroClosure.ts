import type { ConfFile } from '../appconf/parser';
import { findMacroCalls, macroStanzaName } from '../appconf/macros';

/** Every macro stanza a search uses, directly or through other macros, and the calls that have no definition. */
export interface MacroClosure {
  /** macros.conf stanza names (`name` or `name(N)`, see appconf/macros.ts). */
  used: Set<string>;
  /** `` `call` in <where> `` for each call whose stanza is missing from macros.conf or has no `definition`. */
  undefinedCalls: string[];
}

/**
 * Walks the macro calls of `spl` through `macros` (a parsed macros.conf), breadth first; each stanza
 * is visited once, so a cycle ends. Unlike appconf's `expandMacros`, which stops at the first unknown
 * macro, this lists every missing one with where it was called, for the validate table.
 * @throws MacroError (appconf) `MACRO_UNTERMINATED` / `MACRO_BAD_ARGS` for a malformed call
 */
export function macroClosure(spl: string, macros: ConfFile): MacroClosure {
  const used = new Set<string>();
  const undefinedCalls: string[] = [];
  const queue: { spl: string; where: string }[] = [{ spl, where: 'the search' }];
  while (queue.length > 0) {
    const next = queue.shift() as { spl: string; where: string };
    for (const call of findMacroCalls(next.spl)) {
      const stanza = macroStanzaName(call);
      if (used.has(stanza)) continue;
      used.add(stanza);
      const definition = macros.stanzas.get(stanza)?.settings.get('definition');
      if (definition === undefined) undefinedCalls.push(`${call.text} in ${next.where}`);
      else queue.push({ spl: definition, where: `[${stanza}]` });
    }
  }
  return { used, undefinedCalls };
}
