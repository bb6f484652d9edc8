import type { CommandOptions } from '../command/options';
import type { EventView } from '../events/eventView';
import { evaluateSeedRule, SEED_FIELD_NAMES } from './seedRule';

/** A field the command adds to every event; multivalue fields also get a `__mv_` column. */
export interface OutputField {
  name: string;
  multivalue: boolean;
}

/** Every field the command adds, in output order. */
export const OUTPUT_FIELDS: readonly OutputField[] = [...SEED_FIELD_NAMES.map((name) => ({ name, multivalue: false }))];

/** Values of the output fields for one event: a string, or a list for multivalue fields ([] = null). */
export type OutputValues = Record<string, string | readonly string[]>;

/** Scores one event: the seed's six fields (see seedRule.ts). */
export function scoreEvent(event: EventView, _options: CommandOptions): OutputValues {
  const seed = evaluateSeedRule(event);
  const out: OutputValues = {};
  for (const name of SEED_FIELD_NAMES) out[name] = String(seed[name]);
  return out;
}
