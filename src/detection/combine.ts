import { Activity, BASE_TECHNIQUE, SEVERITY_CUTS, Severity, SignalId, signalRule } from './rules';

/** One matched signal: its id in the rule table (rules.ts) and the value that matched (for the reason text). */
export interface Match {
  id: SignalId;
  value?: string;
  /** Activity to report instead of the rule's own (DNS vs network for the same relay signal). */
  activity?: Activity;
  /** Found on the event's parent process (a child of a tunnel host carries its evidence): the reason says so. */
  parent?: boolean;
}

/** The scored result of one event. */
export interface Verdict {
  /** 0-100 integer. */
  score: number;
  severity: Severity;
  /** Every contributing signal, strongest (|weight|) first, as "reason (+weight)"; then a cap note if one applied. */
  reasons: string[];
  /** Activity of the strongest primary signal; '' when nothing matched. */
  activity: Activity | '';
  /** T1219.001 plus the techniques of persistence signals; [] when nothing matched. */
  techniques: string[];
}

/** A verdict with nothing matched. */
export const NO_VERDICT: Verdict = { score: 0, severity: 'informational', reasons: [], activity: '', techniques: [] };

/** `ide_tunnel_severity` of a score (cuts in rules.ts). */
export function severityOf(score: number): Severity {
  for (const cut of SEVERITY_CUTS) if (score >= cut.min) return cut.severity;
  return 'informational';
}

function reasonText(reason: string, value: string | undefined, weight: number, parent = false): string {
  const text = value === undefined ? reason : reason.split('{value}').join(value);
  return `${parent ? 'parent process: ' : ''}${text} (${weight >= 0 ? '+' : ''}${weight})`;
}

/**
 * Combines matched signals into a score (see docs/detection.md):
 * 1. duplicates (same id) count once, the first value kept;
 * 2. no primary signal -> score 0 and nothing else (context alone never scores);
 * 3. score = sum of the signed weights of all matched signals, clamped to 0..100;
 * 4. ceilings: the primary ceiling is none if any matched primary has none, else the highest
 *    primary ceiling (housekeeping alone stays low, housekeeping next to a tunnel host does not);
 *    every context ceiling applies (lowest wins); the score is cut to the lower of the two.
 *
 * @param matches signals in the order they were found
 */
export function combine(matches: readonly Match[]): Verdict {
  const seen = new Set<string>();
  const unique: Match[] = [];
  for (const m of matches) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    unique.push(m);
  }
  const rules = unique.map((m) => signalRule(m.id));
  const primaries = rules.filter((r) => r.kind === 'primary');
  if (primaries.length === 0) return NO_VERDICT;

  let sum = 0;
  for (const r of rules) sum += r.weight;
  let score = Math.max(0, Math.min(100, Math.round(sum)));

  const uncapped = primaries.some((r) => r.ceiling === undefined);
  let ceiling = uncapped ? 100 : Math.max(...primaries.map((r) => r.ceiling as number));
  let capNote = uncapped ? '' : primaries.every((r) => r.activity === 'attempt') ? 'a refused launch only' : 'housekeeping only';
  for (const r of rules) {
    if (r.kind === 'context' && r.ceiling !== undefined && r.ceiling < ceiling) {
      ceiling = r.ceiling;
      capNote = r.id;
    }
  }
  const capped = score > ceiling;
  if (capped) score = ceiling;

  let strongest = -1;
  for (let i = 0; i < unique.length; i++) {
    if (rules[i].kind !== 'primary') continue;
    if (strongest < 0 || rules[i].weight > rules[strongest].weight) strongest = i;
  }
  let activity: Activity | '' = unique[strongest].activity ?? rules[strongest].activity ?? '';
  let overrideRank = 0;
  for (const r of rules) {
    if (r.activityOverride !== undefined && r.activityOverride.rank > overrideRank) {
      activity = r.activityOverride.activity;
      overrideRank = r.activityOverride.rank;
    }
  }

  const order = unique.map((_, i) => i).sort((a, b) => Math.abs(rules[b].weight) - Math.abs(rules[a].weight) || a - b);
  const reasons = order.map((i) => reasonText(rules[i].reason, unique[i].value, rules[i].weight, unique[i].parent));
  if (capped) reasons.push(`score capped at ${ceiling} (${capNote})`);

  const techniques = [BASE_TECHNIQUE];
  for (const r of rules) for (const t of r.techniques ?? []) if (!techniques.includes(t)) techniques.push(t);
  return { score, severity: severityOf(score), reasons, activity, techniques };
}
