import type { EventView } from '../events/eventView';
import type { EventField } from '../events/fieldAliases';
import type { Match } from './combine';
import type { SignalId } from './rules';
import { accountMatch, locationMatch } from './context';
import type { Invocation } from './invocations';
import { baseName, runLocation } from './paths';
import { programByName, Tool } from './tools';

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

/**
 * Context of the process behind a DNS, network or file event (the `Image` that asked or wrote):
 * its run location; `tool.portable` when it is a tunnel CLI in a temp or user-writable folder;
 * `unexpected` (e.g. `writer.not-ide`) when `isExpected` says it is not the IDE or a tunnel CLI;
 * and its account (`User`, newer Sysmon schemas).
 */
export function actorMatches(image: string, user: string, unexpected: SignalId, isExpected: (image: string) => boolean): Match[] {
  const matches: Match[] = [];
  if (image !== '') {
    const location = locationMatch(image);
    if (location) matches.push(location);
    if (!isExpected(image)) matches.push({ id: unexpected, value: baseName(image) });
    else if (programByName(image) && (runLocation(image) === 'temp' || runLocation(image) === 'user-writable')) matches.push({ id: 'tool.portable', value: baseName(image) });
  }
  const account = accountMatch(user);
  if (account) matches.push(account);
  return matches;
}
