import type { CommandOptions } from '../command/options';
import type { EventView } from '../events/eventView';
import { combine, NO_VERDICT, Verdict } from './combine';
import { Evidence, field, NOTHING } from './evidence';
import { fileEvidence } from './fileSignals';
import { relayEvidence } from './networkSignals';
import { registryEvidence, scheduledTaskEvidence, serviceEvidence } from './persistenceSignals';
import { processEvidence } from './processSignals';
import { evaluateSeedRule, SEED_FIELD_NAMES } from './seedRule';

/** A field the command adds to every event; multivalue fields also get a `__mv_` column. */
export interface OutputField {
  name: string;
  multivalue: boolean;
}

/** The score fields (issue 4), after the seed's six. */
export const SCORE_FIELD_NAMES = [
  'ide_tunnel_score',
  'ide_tunnel_severity',
  'ide_tunnel_reasons',
  'ide_tunnel_tool',
  'ide_tunnel_activity',
  'mitre_technique_id',
  'ide_tunnel_alert',
] as const;

const MULTIVALUE = new Set(['ide_tunnel_reasons', 'mitre_technique_id']);

/** Every field the command adds, in output order. */
export const OUTPUT_FIELDS: readonly OutputField[] = [
  ...SEED_FIELD_NAMES.map((name) => ({ name, multivalue: false })),
  ...SCORE_FIELD_NAMES.map((name) => ({ name, multivalue: MULTIVALUE.has(name) })),
];

/** Values of the output fields for one event: a string, or a list for multivalue fields ([] = null). */
export type OutputValues = Record<string, string | readonly string[]>;

/** Which analyser reads an event, by EventCode (Sysmon and Windows Security/System event IDs). */
type Analyser = (event: EventView) => Evidence;

const BY_EVENT_CODE: Record<string, Analyser> = {
  '1': processEvidence, // Sysmon process creation (Windows and Linux)
  '4688': processEvidence, // Security process creation
  '3': (e) => relayEvidence(e, 'network'), // Sysmon network connection
  '22': (e) => relayEvidence(e, 'dns'), // Sysmon DNS query
  '11': fileEvidence, // Sysmon file created
  '12': registryEvidence, // Sysmon registry object added/deleted
  '13': registryEvidence, // Sysmon registry value set
  '4698': scheduledTaskEvidence, // Security scheduled task created
  '4702': scheduledTaskEvidence, // Security scheduled task updated
  '4697': serviceEvidence, // Security service installed
  '7045': serviceEvidence, // System service installed
};

/**
 * Evidence of one event. With an EventCode the analyser of that event type runs (other codes,
 * e.g. Sysmon 7 or 10, have none); without one (CIM data models, tstats) the fields present say
 * what the event is.
 */
function evidenceOf(event: EventView): Evidence {
  const code = field(event, 'EventCode');
  if (code !== '') {
    const analyser = BY_EVENT_CODE[code.trim()];
    return analyser ? analyser(event) : NOTHING;
  }
  // Typed fields first: DNS, network, file and registry events carry an Image too.
  if (field(event, 'QueryName') !== '') return relayEvidence(event, 'dns');
  if (field(event, 'DestinationHostname') !== '') return relayEvidence(event, 'network');
  if (field(event, 'TargetFilename') !== '') return fileEvidence(event);
  if (field(event, 'TargetObject') !== '') return registryEvidence(event);
  if (field(event, 'TaskContent') !== '') return scheduledTaskEvidence(event);
  if (field(event, 'ServiceName') !== '' || field(event, 'ImagePath') !== '') return serviceEvidence(event);
  if (field(event, 'CommandLine') !== '' || field(event, 'Image') !== '' || field(event, 'ProcessName') !== '') return processEvidence(event);
  return NOTHING;
}

const NOTHING_VERDICT: Verdict & { tool: string } = { ...NO_VERDICT, tool: '' };

/**
 * Longest value (UTF-16 code units) the signal analysers read; the seed rule still reads whole values.
 * Windows caps a command line at 32,767 characters (CreateProcess `lpCommandLine`), so 64 Ki covers
 * every real Windows value with room to spare; what it bought: a 10 MB CommandLine took 440 MB of
 * RSS through the tokenizer and grammars, and takes under 100 MB with the cap.
 */
export const MAX_ANALYSED_CHARS = 65536;

/** The event with every value cut to {@link MAX_ANALYSED_CHARS} (values within the cap unchanged). */
function capped(event: EventView): EventView {
  return {
    values(name) {
      const values = event.values(name);
      for (const value of values) {
        if (value.length > MAX_ANALYSED_CHARS) return values.map((v) => v.slice(0, MAX_ANALYSED_CHARS));
      }
      return values;
    },
  };
}

/** The score of one event without the output formatting (for tests and tools). */
export function verdictOf(event: EventView): Verdict & { tool: string } {
  const evidence = evidenceOf(capped(event));
  if (evidence.matches.length === 0) return evidence.tool === '' ? NOTHING_VERDICT : { ...NO_VERDICT, tool: evidence.tool };
  return { ...combine(evidence.matches), tool: evidence.tool };
}

/** `explain=`: none -> no reasons; short -> the three strongest; full -> all (see combine.ts for the order). */
function explained(reasons: readonly string[], explain: CommandOptions['explain']): readonly string[] {
  if (explain === 'none') return [];
  if (explain === 'short') return reasons.filter((r) => !r.startsWith('score capped')).slice(0, 3);
  return reasons;
}

/**
 * Scores one event: the seed's six fields (seedRule.ts, unchanged) and the score fields:
 * `ide_tunnel_score` 0-100, `ide_tunnel_severity`, `ide_tunnel_reasons` (multivalue, per
 * `explain`), `ide_tunnel_tool`, `ide_tunnel_activity`, `mitre_technique_id` (multivalue),
 * `ide_tunnel_alert` (1 when score >= `threshold`). Empty strings/lists where nothing matched;
 * `ide_tunnel_tool` is also set for the processes of an IDE or tunnel CLI that show no tunnel
 * (the desktop editor, a JetBrains IDE), while `mitre_technique_id` needs tunnel evidence.
 */
export function scoreEvent(event: EventView, options: CommandOptions): OutputValues {
  const seed = evaluateSeedRule(event);
  const out: OutputValues = {};
  for (const name of SEED_FIELD_NAMES) out[name] = String(seed[name]);
  const verdict = verdictOf(event);
  out.ide_tunnel_score = String(verdict.score);
  out.ide_tunnel_severity = verdict.severity;
  out.ide_tunnel_reasons = explained(verdict.reasons, options.explain);
  out.ide_tunnel_tool = verdict.tool;
  out.ide_tunnel_activity = verdict.activity;
  out.mitre_technique_id = verdict.techniques;
  out.ide_tunnel_alert = verdict.score >= options.threshold ? '1' : '0';
  return out;
}
