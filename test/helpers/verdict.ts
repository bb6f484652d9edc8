import { recordView } from '../../src/events/eventView';
import { verdictOf } from '../../src/detection/scoreEvent';

/** Scores one synthetic event given as Sysmon-named fields (in process, no protocol). */
export function verdict(fields: Record<string, string>): ReturnType<typeof verdictOf> {
  return verdictOf(recordView(fields));
}

/** The ids of the signals in a verdict's reasons are not kept; this returns the reasons joined for matching. */
export function reasonsText(fields: Record<string, string>): string {
  return verdict(fields).reasons.join('\n');
}

/** A Sysmon EID 1 event. */
export function proc(Image: string, CommandLine: string, extra: Record<string, string> = {}): Record<string, string> {
  return { EventCode: '1', Image, CommandLine, ...extra };
}
