/**
 * The identity-to-host join: evidence from the host plane (a tunnel process, relay lookup,
 * persistence or artefact on an endpoint) and from the identity plane (a sign-in to the tunnel
 * service, a grant of its GitHub App, a token refresh) becomes one finding when both belong to the
 * same person (the userKey.ts key of each) and lie within a time window of each other.
 *
 * This is the reference for the SPL of "IDE Tunnel - Identity and Host Correlation"
 * (default/macros.conf `ide_tunnel_identity_join`): there, `streamstats time_window=<window>` over
 * events sorted by time gives each event the planes seen in the window before it, so an event closes
 * a pair exactly when some event of the other plane lies at most `window` seconds before it; here,
 * pairs are found the same way and chained into findings (evidence linked by pairs, transitively).
 * IP addresses play no part: sign-in logs mostly show the NAT egress address (an optional asset
 * lookup in SPL may add a host to identity evidence; it never decides the join).
 */

/** Which side of the join a piece of evidence is on. */
export type Plane = 'host' | 'identity';

/** One scored event, reduced to what the join needs. */
export interface JoinEvidence {
  /** Epoch seconds (Splunk `_time`). */
  time: number;
  /** The person: userKey.ts's key of the event's account ('' joins nothing). */
  user: string;
  plane: Plane;
  /** The endpoint for host evidence (CIM `dest`), '' for identity evidence. */
  host: string;
  score: number;
  reasons: readonly string[];
}

/** Evidence of both planes for one person within the window of each other. */
export interface JoinFinding {
  user: string;
  /** Endpoints of the host evidence, sorted. */
  hosts: string[];
  /** Epoch seconds of the first and last evidence in the finding. */
  firstTime: number;
  lastTime: number;
  /** Highest score among the evidence. */
  score: number;
  /** Reasons of every piece of evidence, host plane first, each once, in time order. */
  reasons: string[];
  evidence: JoinEvidence[];
}

/** Default join window in seconds: a tunnel host signs in within minutes of starting; 4 hours allows for a delayed device-code approval and late-arriving cloud logs. Same value as the `ide_tunnel_identity_join_window` macro. */
export const DEFAULT_JOIN_WINDOW_SECONDS = 4 * 3600;

/**
 * Findings from scored evidence (any order). Evidence with an empty user is ignored. Two pieces of
 * evidence pair when they have the same user, different planes and `|t1 - t2| <= windowSeconds`;
 * a finding is a set of evidence connected by pairs. Findings come sorted by first time, then user.
 * @throws RangeError when windowSeconds is negative or not finite
 */
export function joinIdentityToHost(evidence: readonly JoinEvidence[], windowSeconds = DEFAULT_JOIN_WINDOW_SECONDS): JoinFinding[] {
  if (!Number.isFinite(windowSeconds) || windowSeconds < 0) throw new RangeError(`join window must be a non-negative number of seconds, got ${windowSeconds}`);
  const byUser = new Map<string, JoinEvidence[]>();
  for (const e of evidence) {
    if (e.user === '') continue;
    const list = byUser.get(e.user);
    if (list) list.push(e);
    else byUser.set(e.user, [e]);
  }
  const findings: JoinFinding[] = [];
  for (const [user, list] of byUser) {
    list.sort((a, b) => a.time - b.time);
    const parent = list.map((_, i) => i);
    const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
    const paired = new Set<number>();
    // For each event, the events of the other plane at most windowSeconds before it (the streamstats view).
    for (let j = 0; j < list.length; j++) {
      for (let i = j - 1; i >= 0 && list[j].time - list[i].time <= windowSeconds; i--) {
        if (list[i].plane === list[j].plane) continue;
        parent[root(i)] = root(j);
        paired.add(i).add(j);
      }
    }
    const groups = new Map<number, JoinEvidence[]>();
    for (const i of [...paired].sort((a, b) => a - b)) {
      const r = root(i);
      const group = groups.get(r);
      if (group) group.push(list[i]);
      else groups.set(r, [list[i]]);
    }
    for (const group of groups.values()) findings.push(findingOf(user, group));
  }
  return findings.sort((a, b) => a.firstTime - b.firstTime || a.user.localeCompare(b.user));
}

function findingOf(user: string, group: JoinEvidence[]): JoinFinding {
  const reasons: string[] = [];
  for (const plane of ['host', 'identity'] as const) {
    for (const e of group) if (e.plane === plane) for (const r of e.reasons) if (!reasons.includes(r)) reasons.push(r);
  }
  return {
    user,
    hosts: [...new Set(group.filter((e) => e.plane === 'host' && e.host !== '').map((e) => e.host))].sort(),
    firstTime: group[0].time,
    lastTime: group[group.length - 1].time,
    score: Math.max(...group.map((e) => e.score)),
    reasons,
    evidence: group,
  };
}
