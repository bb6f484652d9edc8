import { seedWhere } from '../detection/seedRule';
import { readEvents } from '../readers/readEvents';
import type { SourceEvent } from '../readers/sourceEvent';
import { ScoredEvent, scoreThroughCommand } from '../cli/scoreThroughCommand';
import { BackgroundFile, backgroundGroup } from './background';
import type { CorpusCase } from './corpus';

/** How one event came out of the command. */
export interface Outcome {
  score: number;
  /** `ide_tunnel_alert` = 1 (score >= the threshold). */
  alert: boolean;
  /** The seed's `where IsTunnelCommand=1 OR IsCodeCLI=1 OR IsJetBrains=1` on the command's seed fields. */
  seedAlert: boolean;
  tool: string;
  activity: string;
  reasons: string[];
}

/** A corpus case with its outcome. */
export interface CaseResult extends Outcome {
  case: CorpusCase;
}

/** A background event that alerted (should never happen). */
export interface BackgroundAlert extends Outcome {
  file: string;
  line: number;
}

/** Counts for one group of background files. */
export interface BackgroundResult {
  group: string;
  events: number;
  alerts: BackgroundAlert[];
  seedAlerts: number;
}

/** Options of {@link evaluateCorpus} and {@link evaluateBackground}. */
export interface EvalOptions {
  /** The bundled command (bin/idetunnelscore.js). */
  commandPath: string;
  /** threshold= for the command; the default threshold when undefined. */
  threshold?: number;
  onMessage?: (level: string, text: string) => void;
}

function outcome(event: ScoredEvent): Outcome {
  const f = event.fields;
  const flag = (name: string) => (f[name] === '1' ? 1 : 0);
  return {
    score: Number(f.ide_tunnel_score ?? 0),
    alert: f.ide_tunnel_alert === '1',
    seedAlert: seedWhere({
      IsTunnelCommand: flag('IsTunnelCommand'), IsCodeCLI: flag('IsCodeCLI'), IsJetBrains: flag('IsJetBrains'),
      HasGitHubAuth: 0, IsHeadless: 0, RiskScore: 0,
    }),
    tool: f.ide_tunnel_tool ?? '',
    activity: f.ide_tunnel_activity ?? '',
    reasons: f.ide_tunnel_reasons ? f.ide_tunnel_reasons.split('\n') : [],
  };
}

function commandArgs(options: EvalOptions): string[] {
  const args = ['explain=full'];
  if (options.threshold !== undefined) args.push(`threshold=${options.threshold}`);
  return args;
}

/**
 * Scores every corpus event through the bundled command over the chunked protocol (one session,
 * as splunkd would run it) and pairs each with its case.
 */
export async function evaluateCorpus(cases: readonly CorpusCase[], options: EvalOptions): Promise<CaseResult[]> {
  async function* events(): AsyncGenerator<SourceEvent> {
    for (let i = 0; i < cases.length; i++) yield { fields: { ...cases[i].event }, file: 'corpus', line: i };
  }
  const results: CaseResult[] = [];
  for await (const batch of scoreThroughCommand(events(), {
    commandPath: options.commandPath,
    args: commandArgs(options),
    chunkRows: 50_000,
    onMessage: options.onMessage ?? (() => undefined),
  })) {
    for (const scored of batch) results.push({ case: cases[scored.line], ...outcome(scored) });
  }
  return results;
}

/**
 * Scores every event of the background files (read with the CLI's readers: JSON lines, XML
 * renderings, SigmaHQ JSON) through the bundled command, counting alerts per group.
 */
export async function evaluateBackground(files: readonly BackgroundFile[], options: EvalOptions): Promise<BackgroundResult[]> {
  const groups = new Map<string, BackgroundResult>();
  const groupOf = new Map(files.map((f) => [f.file, backgroundGroup(f.name)]));
  for (const f of files) {
    const name = backgroundGroup(f.name);
    if (!groups.has(name)) groups.set(name, { group: name, events: 0, alerts: [], seedAlerts: 0 });
  }
  async function* events(): AsyncGenerator<SourceEvent> {
    for (const f of files) yield* readEvents(f.file);
  }
  for await (const batch of scoreThroughCommand(events(), {
    commandPath: options.commandPath,
    args: commandArgs(options),
    chunkRows: 50_000,
    onMessage: options.onMessage ?? (() => undefined),
  })) {
    for (const scored of batch) {
      const group = groups.get(groupOf.get(scored.file) as string) as BackgroundResult;
      const result = outcome(scored);
      group.events++;
      if (result.seedAlert) group.seedAlerts++;
      if (result.alert) group.alerts.push({ file: scored.file, line: scored.line, ...result });
    }
  }
  return [...groups.values()];
}
