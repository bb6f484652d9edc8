import { QUIET_SCREEN, type Screen } from '../../detection/screen';
import type { EventField } from '../../events/fieldAliases';

/**
 * A screen's words as the record index reads them: each distinct word set of its fields once (the
 * indexer is made with `sets`; a plan's screened column names one by its index, contract.ts
 * ScreenedColumn), and the set of each field.
 */
export interface IndexWordSets {
  /** Distinct word sets, in the screen's field order of first use; each set's words as the screen gives them. */
  sets: readonly (readonly string[])[];
  /** Each screened field's set (an index into `sets`). */
  setOf: ReadonlyMap<EventField, number>;
}

/**
 * The word sets of a screen: fields whose words are the same set share one (Image, NewProcessName
 * and ProcessName today), so the kernel's set masks stay small (it holds at most 16 sets).
 */
export function indexWordSets(screen: Screen): IndexWordSets {
  const sets: (readonly string[])[] = [];
  const byWords = new Map<string, number>();
  const setOf = new Map<EventField, number>();
  for (const { field, words } of screen.fields) {
    const key = [...words].sort().join('\n');
    let id = byWords.get(key);
    if (id === undefined) {
      id = sets.push(words) - 1;
      byWords.set(key, id);
    }
    setOf.set(field, id);
  }
  return { sets, setOf };
}

/** The word sets of the command's screen (detection/screen.ts QUIET_SCREEN). */
export const QUIET_WORD_SETS: IndexWordSets = indexWordSets(QUIET_SCREEN);
