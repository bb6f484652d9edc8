import type { EventView } from '../events/eventView';
import type { EventField } from '../events/fieldAliases';
import type { Match } from './combine';
import { locationMatch } from './context';
import type { Invocation } from './invocations';
import { baseName } from './paths';
import type { Tool } from './tools';

/** Signals found in one event, and the tool they are about ('' when no tool is known). */
export interface Evidence {
  matches: Match[];
  tool: Tool | '';
}

/** No evidence. */
export const NOTHING: Evidence = { matches: [], tool: '' };

/**
 * The signals of one tool invocation: its grammar signals, `renamed.image` when it was recognised
 * by shape only, and where its program lies (`location.*`, from `programPath` when the event
 * gives the full path, else argv[0]).
 */
export function invocationMatches(invocation: Invocation, programPath?: string): Match[] {
  const path = programPath && programPath !== '' ? programPath : invocation.program;
  const matches = [...invocation.matches];
  if (invocation.byShape) matches.push({ id: 'renamed.image', value: baseName(path) });
  const location = locationMatch(path);
  if (location) matches.push(location);
  return matches;
}

/**
 * The tool of the strongest invocation (a tunnel over housekeeping), '' for none.
 */
export function mainTool(invocations: readonly Invocation[]): Tool | '' {
  const strong = invocations.find((i) => !i.housekeeping) ?? invocations[0];
  return strong ? strong.tool : '';
}

/** First value of a field, '' when missing. */
export function field(event: EventView, name: EventField): string {
  return event.values(name)[0] ?? '';
}
