import type { EventView } from '../events/eventView';
import type { EventField } from '../events/fieldAliases';
import { field } from './evidence';
import { childMayMatch, SERVERS } from './childSignals';
import { mayHoldInvocation } from './invocations';

/**
 * Cheap prefilters: for each analyser (scoreEvent.ts), a test over the raw field values it reads
 * that is true whenever the analyser could return anything but "nothing" (no signal, no tool).
 * Each is a SUPERSET of what its analyser matches: only literal, case-insensitive substring tests
 * of tokens every match of that analyser contains, so that a value cut to MAX_ANALYSED_CHARS
 * (a prefix) can never pass where the whole value fails. Events that fail get the constant
 * no-verdict output without tokenizing, path classification or per-row objects.
 * test/detection/prefilter.test.ts checks, on every corpus, holdout, demo and real event and on
 * random values built from these tokens, that scoring with and without them gives identical output.
 *
 * What it bought (narrow 1M real EID 1 rows, `node bench/profile.mjs`, busy CPU = sampled minus idle
 * and stdin waits): ~3.5 -> ~2.7 s together with the shared no-verdict outputs (scoreEvent.ts) and
 * the closure-free seed bits (seedRule.ts): scoreEvent 254 -> 93 ms, GC 167 -> 63 ms, and the
 * per-row toolOfImage/baseName/toolByOriginalFileName/capped-view work (~350 ms) gone for rows
 * that fail. The grammar's key-word regex (mayHoldInvocation, ~200 ms) stays: one alternation
 * was measured against lower-casing + `includes` (305 vs 164-194 ns/row) and six separate
 * literal regexes (~185 ns/row) on the OTRF command lines, and is the cheapest.
 */

/**
 * Process creation (processSignals.ts): the grammar's key words in CommandLine or the image
 * (mayHoldInvocation), a tool OriginalFileName (every name in tools.ts ORIGINAL_FILE_NAMES holds
 * `tunnel`), or the image of a tool or IDE desktop (tools.ts toolOfImage: PROGRAMS, IDE_DESKTOPS,
 * JETBRAINS_IDES, `gateway`; `code` covers code* and `codium` vscodium (found by the fast-check property), `tunnel` covers devtunnel).
 */
export const IMAGE_TOKENS = /code|codium|cursor|tunnel|gateway|remote-dev-server|idea|pycharm|webstorm|goland|rider|clion|phpstorm|rubymine|datagrip|jetbrains|windsurf/i;
/** OriginalFileName of a tool binary (tools.ts ORIGINAL_FILE_NAMES). */
const TUNNEL = /tunnel/i;
/** processSignals.ts ENCODED_OPTION: a PowerShell `-e...` parameter (decoded scripts are searched too). */
const ENCODED_OPTION = /[ \t][-/]e/i;
/** encodedCommand.ts isPowerShell: `powershell`, `pwsh`, `powershell_ise`. */
const POWERSHELL = /powershell|pwsh/i;

/**
 * Superset of processEvidence (Sysmon 1, Security 4688, CIM Endpoint.Processes). `known`: what
 * {@link processScan} already found absent (its NO_* bits), so that those tests are not run again.
 */
export function processMayMatch(event: EventView, known = 0): boolean {
  const commandLine = field(event, 'CommandLine');
  const image = field(event, 'Image') || field(event, 'NewProcessName') || field(event, 'ProcessName');
  if (commandLine === '' && image === '') return false;
  // NO_IMAGE_WORD is only set when Image has values, so `image` is the first of the values it tested.
  if (image !== '' && (known & NO_IMAGE_WORD) === 0 && IMAGE_TOKENS.test(image)) return true;
  // invocations.ts KEY_WORDS are QUIET_COMMAND_LINE words (test/detection/prefilter.test.ts).
  if ((known & NO_COMMAND_LINE_WORD) === 0 && mayHoldInvocation(commandLine)) return true;
  const originalFileName = field(event, 'OriginalFileName');
  if (originalFileName !== '' && TUNNEL.test(originalFileName)) return true;
  // `powershell -EncodedCommand`: isPowerShell reads the image, or the command line's first word without one.
  if (ENCODED_OPTION.test(commandLine) && POWERSHELL.test(image !== '' ? image : commandLine)) return true;
  // A child of a tunnel host or of a tunnel's VS Code server (childSignals.ts).
  return childMayMatch(event);
}

/**
 * Every key word of the seed rule's CommandLine evals (seedRule.ts: `tunnel`, `github`, `--cli`,
 * `--no-browser`, `--accept-server-license-terms`, `serve-web`) and of the grammar
 * (invocations.ts KEY_WORDS), in one alternation.
 */
export const QUIET_COMMAND_LINE = /tunnel|serve-web|remote-dev-server|gateway|anonymous|mi-client-id|agent|github|--cli|--no-browser|--accept-server-license-terms/i;

/** processScan bit: the event is quiet (see {@link processIsQuiet}). */
export const QUIET = 1;
/** processScan bit: every Image value was tested and none holds an IMAGE_TOKENS word. */
export const NO_IMAGE_WORD = 2;
/** processScan bit: every CommandLine value was tested and none holds a QUIET_COMMAND_LINE word. */
export const NO_COMMAND_LINE_WORD = 4;

/**
 * True when an event that only the process analyser could read (or none) has all-zero seed fields
 * and no verdict, tested in one pass per value: no Image value holds an IMAGE_TOKENS word (which
 * covers the seed's Image evals: `code.exe`, `code-tunnel`, `code-insiders` hold `code`; the
 * JetBrains names are in the list), no CommandLine value holds a {@link QUIET_COMMAND_LINE} word
 * (covers the seed's CommandLine evals and mayHoldInvocation), OriginalFileName holds no `tunnel`,
 * a PowerShell image has no `-e...` parameter, and the parent fields could not make it the child of
 * a tunnel host or of a tunnel's server (childSignals.ts childMayMatch). False (not known quiet) for events without an
 * Image: their PowerShell test reads the command line (processMayMatch).
 *
 * What it bought: the seed rule ran five regular expressions and the prefilter three or four more
 * on every process event; on the 2,019 OTRF EID 1 command lines the one alternation takes ~220-280
 * ns a row against ~370 ns for the five separate ones, and the seed's per-flag loop (seedRuleBits,
 * ~180 ms on narrow 1M rows) is skipped for quiet events (BENCHMARKS.md step 13).
 */
export function processIsQuiet(event: EventView): boolean {
  return (processScan(event) & QUIET) !== 0;
}

/**
 * {@link processIsQuiet} as bits: QUIET, and what the scan found absent on the way (NO_IMAGE_WORD,
 * NO_COMMAND_LINE_WORD), which seedRuleBits, processMayMatch and processEvidence then skip. What
 * that bought: an event that is not quiet (a PowerShell `-EncodedCommand` of 5,000 characters, say)
 * had its command line searched again by the seed's evals and twice by the grammar's key-word test
 * (BENCHMARKS.md step 23).
 */
export function processScan(event: EventView): number {
  const images = event.values('Image');
  if (images.length === 0) return 0;
  for (const image of images) if (IMAGE_TOKENS.test(image)) return 0;
  const commandLines = event.values('CommandLine');
  for (const commandLine of commandLines) if (QUIET_COMMAND_LINE.test(commandLine)) return NO_IMAGE_WORD;
  const known = NO_IMAGE_WORD | NO_COMMAND_LINE_WORD;
  const originalFileName = field(event, 'OriginalFileName');
  if (originalFileName !== '' && TUNNEL.test(originalFileName)) return known;
  if (POWERSHELL.test(images[0]) && commandLines.length > 0 && ENCODED_OPTION.test(commandLines[0])) return known;
  return childMayMatch(event) ? known : known | QUIET;
}

/** The regular expressions of this file that {@link PROCESS_KEY_WORDS} covers (for its test). */
export const PROCESS_PREFILTER_PATTERNS: readonly RegExp[] = [IMAGE_TOKENS, QUIET_COMMAND_LINE, TUNNEL, POWERSHELL, SERVERS];

/**
 * Key words of a process event, lower-case ASCII: every alternative of the seed rule's evals
 * (seedRule.ts), of {@link processIsQuiet} and of {@link processMayMatch} (IMAGE_TOKENS,
 * QUIET_COMMAND_LINE, invocations.ts KEY_WORDS, TUNNEL, POWERSHELL) holds one of them
 * (test/detection/keyWordFree.test.ts checks each alternative). So an event whose analyser is the
 * process one, or none, and none of whose {@link KEY_WORD_FIELDS} values holds one of these words in
 * any ASCII case, has all-zero seed fields and no verdict (scoreEvent.ts keyWordFreeOutput). A
 * chunk's raw CSV cells can be screened for them without decoding (src/protocol/recordIndex.ts):
 * the words hold no `"`, `,`, `$` or line break, so a word in a decoded value (quotes unescaped,
 * `__mv_` split) is a word in the cell's bytes, and UTF-8 bytes >= 0x80 never fold to ASCII letters
 * (JavaScript's `i` flag without `u` folds only ASCII).
 */
export const PROCESS_KEY_WORDS: readonly string[] = [
  'code', 'codium', 'cursor', 'tunnel', 'gateway', 'remote-dev-server', 'idea', 'pycharm', 'webstorm', 'goland', 'rider',
  'clion', 'phpstorm', 'rubymine', 'datagrip', 'jetbrains', 'windsurf', 'serve-web', 'anonymous', 'mi-client-id', 'agent',
  'github', '--cli', '--no-browser', '--accept-server-license-terms', 'powershell', 'pwsh', 'servers',
];

/**
 * The fields a process event's seed fields and prefilters read (every alias, plain and `__mv_`),
 * the parent's included: a child of a tunnel host or of a tunnel's server (childSignals.ts) is
 * found through ParentCommandLine's grammar key words and `servers` in ParentImage.
 */
export const KEY_WORD_FIELDS: readonly EventField[] = ['Image', 'CommandLine', 'OriginalFileName', 'NewProcessName', 'ProcessName', 'ParentImage', 'ParentCommandLine', 'ParentProcessName'];

/**
 * Superset of relayEvidence (Sysmon 22 QueryName, Sysmon 3 DestinationHostname): both relay
 * domains (networkSignals.ts RELAY_DOMAINS, `tunnels.api.visualstudio.com`, `devtunnels.ms`) hold `tunnels`.
 */
const RELAY_TOKEN = /tunnels/i;
export function relayMayMatch(hostField: 'QueryName' | 'DestinationHostname'): (event: EventView) => boolean {
  // DNS: the relay may be named only in the answers' CNAME chain (networkSignals.ts relayCname).
  if (hostField === 'QueryName') return (event) => RELAY_TOKEN.test(field(event, 'QueryName')) || RELAY_TOKEN.test(field(event, 'QueryResults'));
  return (event) => RELAY_TOKEN.test(field(event, hostField));
}

/**
 * Superset of fileEvidence (Sysmon 11 TargetFilename): `code_tunnel.json`, `tunnel-service.log`,
 * `.net/devtunnel/`, `*-tunnel*.service`, `com.visualstudio.*.tunnel.plist` hold `tunnel`; the
 * server folders (`.vscode-server`, `.vscode/cli`, `.vscode-insiders/cli`, `.vscode-oss/cli`,
 * `.vscodium-server`, `.cursor-server`, `.cursor/cli`) hold `.vscode` or `.cursor`; the agent host
 * registry holds `agent-host`.
 */
const FILE_TOKENS = /tunnel|\.vscode|\.cursor|agent-host/i;
export function fileMayMatch(event: EventView): boolean {
  return FILE_TOKENS.test(field(event, 'TargetFilename'));
}

/** Superset of webEvidence (CIM Web url, or the server `dest`): both relay domains hold `tunnels`. */
export function webMayMatch(event: EventView): boolean {
  return RELAY_TOKEN.test(field(event, 'Url')) || RELAY_TOKEN.test(field(event, 'WebDest'));
}

/** Superset of registryEvidence (Sysmon 12/13): only keys under `...\CurrentVersion\Run*` count. */
const RUN_KEY = /\\currentversion\\run/i;
export function registryMayMatch(event: EventView): boolean {
  return RUN_KEY.test(field(event, 'TargetObject'));
}

/** Superset of scheduledTaskEvidence (Security 4698/4702): the task XML must hold a key word. */
export function scheduledTaskMayMatch(event: EventView): boolean {
  return mayHoldInvocation(field(event, 'TaskContent'));
}

/** Superset of serviceEvidence (Security 4697, System 7045): a key word in ImagePath, or `tunnel` in ServiceName. */
export function serviceMayMatch(event: EventView): boolean {
  return mayHoldInvocation(field(event, 'ImagePath')) || TUNNEL.test(field(event, 'ServiceName'));
}
