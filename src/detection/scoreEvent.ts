import type { EventView } from '../events/eventView';
import { combine, Match, NO_VERDICT, Verdict } from './combine';
import { Evidence, field } from './evidence';
import { fileEvidence } from './fileSignals';
import { githubGrantEvidence, identityKind, signInEvidence } from './identityEvidence';
import { relayEvidence } from './networkSignals';
import { registryEvidence, scheduledTaskEvidence, serviceEvidence } from './persistenceSignals';
import { processEvidence } from './processSignals';
import { EventKind, SignalId, SIGNALS } from './rules';
import { kindScreen, QUIET_SCREEN, Screen } from './screen';
import { webEvidence } from './webSignals';
import { SEED_FIELD_NAMES, seedFieldsOf, seedRuleBits } from './seedRule';

/**
 * How an event is scored (the command's options `threshold=` and `explain=`, src/command/options.ts):
 * `threshold` 0-100, the score at or above which `ide_tunnel_alert` is 1; `explain` how many reasons
 * `ide_tunnel_reasons` lists.
 */
export interface ScoreOptions {
  threshold: number;
  explain: 'none' | 'short' | 'full';
}

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

/** The analyser of one event kind and the screen derived from the rules of that kind (screen.ts). */
interface Analyser {
  kind: EventKind;
  analyse(event: EventView): Evidence;
  /** False only when neither `analyse` nor a pattern rule of the kind could find anything. */
  screen: Screen;
}

function analyser(kind: EventKind, analyse: (event: EventView) => Evidence): Analyser {
  return { kind, analyse, screen: kindScreen(kind) };
}

const PROCESS = analyser('process', processEvidence);
const NETWORK = analyser('network', (e) => relayEvidence(e, 'network'));
const DNS = analyser('dns', (e) => relayEvidence(e, 'dns'));
const FILE = analyser('file', fileEvidence);
const REGISTRY = analyser('registry', registryEvidence);
const SCHEDULED_TASK = analyser('scheduled-task', scheduledTaskEvidence);
const SERVICE = analyser('service', serviceEvidence);
const WEB = analyser('web', webEvidence);
const SIGN_IN = analyser('sign-in', signInEvidence);
const GITHUB = analyser('github-grant', githubGrantEvidence);

/** The rules a kind's events are searched with by their own pattern (rules.ts matcher `pattern`). */
const PATTERN_RULES = SIGNALS.filter((rule) => rule.matcher === 'pattern' && rule.pattern !== undefined);

/** Matches of the pattern rules that read an event kind: the first matching value of each, its match as `{value}`. */
function patternMatches(kind: EventKind, event: EventView): Match[] {
  const matches: Match[] = [];
  for (const rule of PATTERN_RULES) {
    const fields = rule.reads[kind];
    if (fields === undefined) continue;
    search: for (const name of fields) {
      for (const value of event.values(name)) {
        const found = (rule.pattern as RegExp).exec(value);
        if (found) {
          matches.push({ id: rule.id as SignalId, value: found[0] });
          break search;
        }
      }
    }
  }
  return matches;
}

/** Which analyser reads an event, by EventCode (Sysmon and Windows Security/System event IDs). */
const BY_EVENT_CODE: ReadonlyMap<string, Analyser> = new Map(Object.entries({
  '1': PROCESS, // Sysmon process creation (Windows and Linux)
  '4688': PROCESS, // Security process creation
  '3': NETWORK, // Sysmon network connection
  '22': DNS, // Sysmon DNS query
  '11': FILE, // Sysmon file created
  '12': REGISTRY, // Sysmon registry object added/deleted
  '13': REGISTRY, // Sysmon registry value set
  '4698': SCHEDULED_TASK, // Security scheduled task created
  '4702': SCHEDULED_TASK, // Security scheduled task updated
  '4697': SERVICE, // Security service installed
  '7045': SERVICE, // System service installed
}));

/**
 * The analyser of one event. Identity-plane events (Entra ID sign-ins, GitHub audit entries) by their
 * sourcetype first. With an EventCode the analyser of that event type (other codes,
 * e.g. Sysmon 7 or 10, have none: undefined); without one (CIM data models, tstats) the fields
 * present say what the event is.
 */
function analyserOf(event: EventView): Analyser | undefined {
  // Identity events first, by sourcetype/category or the CIM authentication tag (identityEvidence.ts):
  // a CIM-mapped sign-in may carry a signature_id that would read as an EventCode.
  const identity = identityKind(event);
  if (identity !== '') return identity === 'sign-in' ? SIGN_IN : GITHUB;
  const code = field(event, 'EventCode');
  // A Map, not an object: EventCode `constructor` or `toString` must not find Object.prototype's functions.
  if (code !== '') return BY_EVENT_CODE.get(code.trim());
  // Typed fields first: DNS, network, file and registry events carry an Image too.
  if (field(event, 'Url') !== '') return WEB; // CIM Web (proxy data)
  if (field(event, 'QueryName') !== '') return DNS;
  if (field(event, 'DestinationHostname') !== '') return NETWORK;
  if (field(event, 'TargetFilename') !== '') return FILE;
  if (field(event, 'TargetObject') !== '') return REGISTRY;
  if (field(event, 'TaskContent') !== '') return SCHEDULED_TASK;
  if (field(event, 'ServiceName') !== '' || field(event, 'ImagePath') !== '') return SERVICE;
  if (field(event, 'CommandLine') !== '' || field(event, 'Image') !== '' || field(event, 'ProcessName') !== '') return PROCESS;
  return undefined;
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

/**
 * The score of one event without the output formatting (for tests and tools). With `prefilter`
 * (the default), events that fail their analyser's screen (screen.ts) get the no-verdict result
 * without running the analyser; `prefilter = false` runs every analyser, for the tests that prove
 * the two give the same result (test/detection/prefilter.test.ts).
 */
export function verdictOf(event: EventView, prefilter = true): Verdict & { tool: string } {
  return verdictWith(analyserOf(event), event, prefilter);
}

/**
 * The signals an event matches before they are combined (no screen), in the order found: for tests
 * and tools that ask which rules an event meets.
 */
export function matchedSignals(event: EventView): Match[] {
  const analyser = analyserOf(event);
  if (analyser === undefined) return [];
  const view = capped(event);
  return [...analyser.analyse(view).matches, ...patternMatches(analyser.kind, view)];
}

/** {@link verdictOf} with the event's analyser already found. */
function verdictWith(analyser: Analyser | undefined, event: EventView, prefilter: boolean): Verdict & { tool: string } {
  if (analyser === undefined || (prefilter && !analyser.screen.passes(event))) return NOTHING_VERDICT;
  const view = capped(event);
  const evidence = analyser.analyse(view);
  const matches = PATTERN_RULES.length === 0 ? evidence.matches : [...evidence.matches, ...patternMatches(analyser.kind, view)];
  if (matches.length === 0) return evidence.tool === '' ? NOTHING_VERDICT : { ...NO_VERDICT, tool: evidence.tool };
  return { ...combine(matches), tool: evidence.tool };
}

/**
 * Outputs of events with no verdict (no signal, no tool), one shared frozen object per seed-flag
 * combination (bits, see seedRuleBits) and `ide_tunnel_alert` value (1 only with threshold=0).
 * Most events are such events: sharing them saves building 13 fields per row, and lets the
 * reply writer reuse their encoded cells (scoreCsvBytes.ts).
 */
const NO_VERDICT_OUTPUTS: (Readonly<OutputValues> | undefined)[] = [];

function noVerdictOutput(seedBits: number, options: ScoreOptions): OutputValues {
  const alert = NO_VERDICT.score >= options.threshold ? 1 : 0;
  const key = seedBits * 2 + alert;
  let out = NO_VERDICT_OUTPUTS[key];
  if (out === undefined) {
    const values = outputOf(seedBits, NOTHING_VERDICT, options);
    for (const name of ['ide_tunnel_reasons', 'mitre_technique_id']) values[name] = Object.freeze([...values[name]]);
    out = Object.freeze(values);
    NO_VERDICT_OUTPUTS[key] = out;
  }
  return out;
}

/** The output fields of a verdict (see {@link scoreEvent}). */
function outputOf(seedBits: number, verdict: Verdict & { tool: string }, options: ScoreOptions): OutputValues {
  const seed = seedFieldsOf(seedBits);
  const out: OutputValues = {};
  for (const name of SEED_FIELD_NAMES) out[name] = String(seed[name]);
  out.ide_tunnel_score = String(verdict.score);
  out.ide_tunnel_severity = verdict.severity;
  out.ide_tunnel_reasons = explained(verdict.reasons, options.explain);
  out.ide_tunnel_tool = verdict.tool;
  out.ide_tunnel_activity = verdict.activity;
  out.mitre_technique_id = verdict.techniques;
  out.ide_tunnel_alert = verdict.score >= options.threshold ? '1' : '0';
  return out;
}

/** `explain=`: none -> no reasons; short -> the three strongest; full -> all (see combine.ts for the order). */
function explained(reasons: readonly string[], explain: ScoreOptions['explain']): readonly string[] {
  if (explain === 'none') return [];
  if (explain === 'short') return reasons.filter((r) => !r.startsWith('score capped')).slice(0, 3);
  return reasons;
}

/**
 * The output of an event with EventCode `code` none of whose {@link QUIET_SCREEN} field values
 * holds one of its words (the caller screened them): the all-zero, no-verdict output when that
 * code's analyser is the process one or none (scoreEvent would give the same), else null (other
 * analysers read other fields). Null for an empty code (the fields present then type the event).
 */
export function keyWordFreeOutput(code: string, options: ScoreOptions): OutputValues | null {
  if (code === '') return null;
  const analyser = BY_EVENT_CODE.get(code.trim());
  return analyser === PROCESS || analyser === undefined ? noVerdictOutput(0, options) : null;
}

/**
 * Scores one event: the seed's six fields (seedRule.ts, unchanged) and the score fields:
 * `ide_tunnel_score` 0-100, `ide_tunnel_severity`, `ide_tunnel_reasons` (multivalue, per
 * `explain`), `ide_tunnel_tool`, `ide_tunnel_activity`, `mitre_technique_id` (multivalue),
 * `ide_tunnel_alert` (1 when score >= `threshold`). Empty strings/lists where nothing matched;
 * `ide_tunnel_tool` is also set for the processes of an IDE or tunnel CLI that show no tunnel
 * (the desktop editor, a JetBrains IDE), while `mitre_technique_id` needs tunnel evidence.
 * Events with no verdict get a shared frozen object (do not modify the result). `prefilter`: see
 * {@link verdictOf}.
 */
export function scoreEvent(event: EventView, options: ScoreOptions, prefilter = true): OutputValues {
  const analyser = analyserOf(event);
  // Most events are process creations that mention no tool: one pass over the screened fields
  // gives their output (seed fields all 0, no verdict) without the seed's five evals.
  if (prefilter && (analyser === PROCESS || analyser === undefined) && !QUIET_SCREEN.passes(event)) return noVerdictOutput(0, options);
  const seedBits = seedRuleBits(event);
  const verdict = verdictWith(analyser, event, prefilter);
  return verdict === NOTHING_VERDICT ? noVerdictOutput(seedBits, options) : outputOf(seedBits, verdict, options);
}
