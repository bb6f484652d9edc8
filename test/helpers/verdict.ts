import { recordView } from '../../src/events/eventView';
import { verdictOf } from '../../src/detection/scoreEvent';

/** Scores one synthetic event given as Sysmon-named fields (in process, no protocol). */
export function verdict(fields: Record<string, string>): ReturnType<typeof verdictOf> {
  return verdictOf(recordView(fields));
}

/** A Sysmon EID 1 event. */
export function proc(Image: string, CommandLine: string, extra: Record<string, string> = {}): Record<string, string> {
  return { EventCode: '1', Image, CommandLine, ...extra };
}
