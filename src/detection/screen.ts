import type { EventView } from '../events/eventView';
import type { EventField } from '../events/fieldAliases';
import { namesWithRole } from './programs';
import { EventKind, SIGNALS, SignalRule } from './rules';
import { SEED_RULE } from './seedRule';
import { TOOL_PROGRAM_NAMES } from './tools';

/**
 * The screen: everything that decides "this row cannot match" before the analysers run, derived
 * from the rule table (rules.ts), the seed rule's declared words (seedRule.ts) and the program
 * table (programs.ts, tools.ts). Nothing here is a hand-kept word list.
 *
 * A screen is, per field, the words that matter in that field: an event none of whose values of
 * those fields holds one of them (ASCII case-insensitively, as a substring) gets the no-verdict
 * output without its analyser. Each is a superset of what it guards, because every rule declares
 * the words all its matches hold (rules.ts `words`); test/detection/prefilter.test.ts checks on every
 * corpus, hold-out, demo and real event, and on random events, that scoring with and without the
 * screen gives the same output.
 *
 * Besides the rules' own words:
 * - `grammar` rules and rules holding a command line also match inside a PowerShell
 *   `-EncodedCommand` (processSignals.ts decodes it), so in process events the names of the
 *   programs with the `powershell` role count as their words;
 * - process events report `ide_tunnel_tool` for a tool's or IDE's own processes without tunnel
 *   evidence (tools.ts toolOfImage), so the program names it knows count in the image fields;
 * - {@link QUIET_SCREEN} adds the seed rule's words, for the process events and events no analyser
 *   reads, whose output is then all zero.
 */

/** One field of a screen and its words. */
export interface ScreenField {
  field: EventField;
  /** Lower-case ASCII words, none containing another. */
  words: readonly string[];
  /** The words as one case-insensitive alternation of literals (linear, no backtracking). */
  pattern: RegExp;
}

/** A screen: fields and their words; {@link Screen.passes} is false only when nothing can match. */
export interface Screen {
  fields: readonly ScreenField[];
  /** Every word of every field, each once, none containing another. */
  words: readonly string[];
  /** True when some value of a screened field holds one of that field's words. */
  passes(event: EventView): boolean;
}

/** The words without duplicates and without any word that contains another (the shorter covers it). */
export function coveringWords(words: Iterable<string>): string[] {
  const unique = [...new Set([...words].map((word) => word.toLowerCase()))];
  return unique.filter((word) => !unique.some((other) => other !== word && word.includes(other)));
}

function alternationSource(words: readonly string[]): string {
  return words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** Every alternation of this module, built once at load (see {@link literalAlternation}). */
const ALTERNATIONS = new Map<string, RegExp>();

/**
 * The words as one case-insensitive alternation of literals (without the `u` flag `i` folds ASCII
 * letters only, as the WebAssembly index does). Only for word lists of this module's screens: they
 * are all built while the module loads, where
 * test/hardening/patterns.test.ts checks every pattern for linear time.
 * @throws Error for another word list (a programming error)
 */
export function literalAlternation(words: readonly string[]): RegExp {
  const pattern = ALTERNATIONS.get(alternationSource(words));
  if (pattern === undefined) throw new Error(`internal: no alternation was built at load for ${words.join(', ')}`);
  return pattern;
}

/** Field -> words pairs, merged per field (first-seen order) and reduced to covering words. */
function fieldWords(pairs: readonly (readonly [EventField, readonly string[]])[]): [EventField, string[]][] {
  const byField = new Map<EventField, string[]>();
  for (const [field, words] of pairs) byField.set(field, [...(byField.get(field) ?? []), ...words]);
  return [...byField].map(([field, words]): [EventField, string[]] => [field, coveringWords(words)]).filter(([, words]) => words.length > 0);
}

/** A screen from its field words (their alternations must have been built at load). */
function screenOf(byField: readonly [EventField, string[]][]): Screen {
  const fields: ScreenField[] = byField.map(([field, words]) => ({ field, words, pattern: literalAlternation(words) }));
  return {
    fields,
    words: coveringWords(fields.flatMap((f) => f.words)),
    passes(event) {
      for (const { field, pattern } of fields) {
        for (const value of event.values(field)) if (pattern.test(value)) return true;
      }
      return false;
    },
  };
}

const PRIMARY_RULES = SIGNALS.filter((rule) => rule.kind === 'primary');

/** Every `grammar` rule's words: a text without any of them holds no invocation the grammars accept. */
export const GRAMMAR_WORDS: readonly string[] = coveringWords(PRIMARY_RULES.filter((rule) => rule.matcher === 'grammar').flatMap((rule) => rule.words ?? []));

/**
 * The grammar words that every grammar rule declaring them lists as an argument word (rules.ts
 * `argumentWords`): a text holds them only between argument boundaries.
 */
export const GRAMMAR_ARGUMENT_WORDS: readonly string[] = GRAMMAR_WORDS.filter((word) =>
  PRIMARY_RULES.filter((rule) => rule.matcher === 'grammar' && (rule.words ?? []).includes(word)).every((rule) => (rule.argumentWords ?? []).includes(word)),
);

/**
 * {@link GRAMMAR_WORDS} as one case-insensitive pattern: the other words anywhere, each
 * {@link GRAMMAR_ARGUMENT_WORDS} word only with no letter, digit, `_`, `.` or `-` on either side
 * (`code agent host`, `"agent"`, `'agent','host'`; not `UserAgent`, `--user-agent`, `msagent_1`).
 * A text it does not match holds no invocation the grammars accept. Literals, one character class
 * and a lookahead: linear time (test/hardening/patterns.test.ts).
 */
export const GRAMMAR_PATTERN = new RegExp(
  [
    alternationSource(GRAMMAR_WORDS.filter((word) => !GRAMMAR_ARGUMENT_WORDS.includes(word))),
    ...GRAMMAR_ARGUMENT_WORDS.map((word) => `(?:^|[^a-z0-9_.-])${alternationSource([word])}(?![a-z0-9_.-])`),
  ].join('|'),
  'i',
);

/** The image fields of a process event (processSignals.ts reads Image, else NewProcessName, else ProcessName). */
const IMAGE_FIELDS: readonly EventField[] = ['Image', 'NewProcessName', 'ProcessName'];
const POWERSHELL_NAMES = namesWithRole('powershell');

/** The words of a rule in a field of an event kind. */
function ruleWords(rule: SignalRule, kind: EventKind, field: EventField): string[] {
  const words = [...(rule.words ?? []), ...(rule.holdsCommand ? GRAMMAR_WORDS : [])];
  const decoded = kind === 'process' && (rule.matcher === 'grammar' || rule.holdsCommand === true) && (IMAGE_FIELDS.includes(field) || field === 'CommandLine');
  return decoded ? [...words, ...POWERSHELL_NAMES] : words;
}

/** field -> words pairs of the primary rules that read an event kind. */
function rulePairs(kind: EventKind): [EventField, readonly string[]][] {
  return PRIMARY_RULES.flatMap((rule) => (rule.reads[kind] ?? []).map((field): [EventField, readonly string[]] => [field, ruleWords(rule, kind, field)]));
}

/** What process events need for `ide_tunnel_tool` alone (tools.ts toolOfImage). */
const TOOL_PAIRS = IMAGE_FIELDS.map((field): [EventField, readonly string[]] => [field, TOOL_PROGRAM_NAMES]);

const KINDS: readonly EventKind[] = ['process', 'network', 'dns', 'file', 'registry', 'scheduled-task', 'service', 'web', 'sign-in', 'github-grant'];

/** Kinds with an `unscreened` rule (rules.ts): their events are always analysed. */
const UNSCREENED_KINDS = new Set(PRIMARY_RULES.filter((rule) => rule.unscreened === true).flatMap((rule) => Object.keys(rule.reads) as EventKind[]));

/**
 * The fields the `unscreened` rules read beyond the ones every event has (sourcetype, category):
 * a chunk whose header holds one is not screened by the record index (src/command/recordIndex).
 */
export const UNSCREENED_FIELDS: readonly EventField[] = [
  ...new Set(PRIMARY_RULES.filter((rule) => rule.unscreened === true).flatMap((rule) => Object.values(rule.reads).flat() as EventField[])),
].filter((field) => field !== 'sourcetype' && field !== 'category');

/** A screen every event passes. */
const OPEN_SCREEN: Screen = { fields: [], words: [], passes: () => true };
const KIND_WORDS = new Map(KINDS.map((kind) => [kind, fieldWords([...rulePairs(kind), ...(kind === 'process' ? TOOL_PAIRS : [])])]));
const QUIET_WORDS = fieldWords([...SEED_RULE.map(({ field, words }): [EventField, readonly string[]] => [field, words]), ...rulePairs('process'), ...TOOL_PAIRS]);

// Every alternation the screens use, built here at load, outside any function.
for (const words of [...KIND_WORDS.values(), QUIET_WORDS].flatMap((pairs) => pairs.map(([, w]) => w))) {
  const source = alternationSource(words);
  if (!ALTERNATIONS.has(source)) ALTERNATIONS.set(source, new RegExp(source, 'i'));
}

const SCREENS = new Map(KINDS.map((kind) => [kind, UNSCREENED_KINDS.has(kind) ? OPEN_SCREEN : screenOf(KIND_WORDS.get(kind) ?? [])]));

/**
 * The screen of an event kind's analyser: false only when neither its analyser nor a pattern rule
 * of that kind could return anything (no signal; for process events, no tool either).
 */
export function kindScreen(kind: EventKind): Screen {
  return SCREENS.get(kind) as Screen;
}

/**
 * The words of an event kind's screen in one field, as their alternation: a value without any of
 * them holds no match of a rule of that kind reading that field.
 * @throws Error when no rule of the kind reads the field (a programming error, raised at load)
 */
export function fieldScreen(kind: EventKind, field: EventField): RegExp {
  const screened = SCREENS.get(kind)?.fields.find((f) => f.field === field);
  if (screened === undefined) throw new Error(`internal: no ${kind} rule reads ${field}`);
  return screened.pattern;
}

/**
 * The screen of process events and of events no analyser reads, seed rule included: false only when
 * their whole output is the all-zero, no-verdict one. The record index (src/command/recordIndex/indexedRecords.ts)
 * screens a chunk's raw cells of these fields for these words; they hold no `"`, `,`, `$` or line
 * break, so a word in a decoded value (quotes unescaped, `__mv_` split) is a word in the cell's bytes.
 */
export const QUIET_SCREEN: Screen = screenOf(QUIET_WORDS);
