import type { EventView } from '../events/eventView';
import type { EventField } from '../events/fieldAliases';
import { field } from './evidence';
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
const IMAGE_TOKENS = /code|codium|cursor|tunnel|gateway|remote-dev-server|idea|pycharm|webstorm|goland|rider|clion|phpstorm|rubymine|datagrip|jetbrains|windsurf/i;
/** OriginalFileName of a tool binary (tools.ts ORIGINAL_FILE_NAMES). */
const TUNNEL = /tunnel/i;
/** processSignals.ts ENCODED_OPTION: a PowerShell `-e...` parameter (decoded scripts are searched too). */
const ENCODED_OPTION = /[ \t][-/]e/i;
/** encodedCommand.ts isPowerShell: `powershell`, `pwsh`, `powershell_ise`. */
const POWERSHELL = /powershell|pwsh/i;

/** Superset of processEvidence (Sysmon 1, Security 4688, CIM Endpoint.Processes). */
export function processMayMatch(event: EventView): boolean {
  const commandLine = field(event, 'CommandLine');
  const image = field(event, 'Image') || field(event, 'NewProcessName') || field(event, 'ProcessName');
  if (commandLine === '' && image === '') return false;
  if (image !== '' && IMAGE_TOKENS.test(image)) return true;
  if (mayHoldInvocation(commandLine)) return true;
  const originalFileName = field(event, 'OriginalFileName');
  if (originalFileName !== '' && TUNNEL.test(originalFileName)) return true;
  // `powershell -EncodedCommand`: isPowerShell reads the image, or the command line's first word without one.
  return ENCODED_OPTION.test(commandLine) && POWERSHELL.test(image !== '' ? image : commandLine);
}

/**
 * Every key word of the seed rule's CommandLine evals (seedRule.ts: `tunnel`, `github`, `--cli`,
 * `--no-browser`, `--accept-server-license-terms`, `serve-web`) and of the grammar
 * (invocations.ts KEY_WORDS), in one alternation.
 */
const QUIET_COMMAND_LINE = /tunnel|serve-web|remote-dev-server|gateway|anonymous|mi-client-id|github|--cli|--no-browser|--accept-server-license-terms/i;

/**
 * True when an event that only the process analyser could read (or none) has all-zero seed fields
 * and no verdict, tested in one pass per value: no Image value holds an IMAGE_TOKENS word (which
 * covers the seed's Image evals: `code.exe`, `code-tunnel`, `code-insiders` hold `code`; the
 * JetBrains names are in the list), no CommandLine value holds a {@link QUIET_COMMAND_LINE} word
 * (covers the seed's CommandLine evals and mayHoldInvocation), OriginalFileName holds no `tunnel`,
 * and a PowerShell image has no `-e...` parameter. False (not known quiet) for events without an
 * Image: their PowerShell test reads the command line (processMayMatch).
 *
 * What it bought: the seed rule ran five regular expressions and the prefilter three or four more
 * on every process event; on the 2,019 OTRF EID 1 command lines the one alternation takes ~220-280
 * ns a row against ~370 ns for the five separate ones, and the seed's per-flag loop (seedRuleBits,
 * ~180 ms on narrow 1M rows) is skipped for quiet events (BENCHMARKS.md step 13).
 */
export function processIsQuiet(event: EventView): boolean {
  const images = event.values('Image');
  if (images.length === 0) return false;
  for (const image of images) if (IMAGE_TOKENS.test(image)) return false;
  const commandLines = event.values('CommandLine');
  for (const commandLine of commandLines) if (QUIET_COMMAND_LINE.test(commandLine)) return false;
  const originalFileName = field(event, 'OriginalFileName');
  if (originalFileName !== '' && TUNNEL.test(originalFileName)) return false;
  return !(POWERSHELL.test(images[0]) && commandLines.length > 0 && ENCODED_OPTION.test(commandLines[0]));
}

/** The regular expressions of this file that {@link PROCESS_KEY_WORDS} covers (for its test). */
export const PROCESS_PREFILTER_PATTERNS: readonly RegExp[] = [IMAGE_TOKENS, QUIET_COMMAND_LINE, TUNNEL, POWERSHELL];

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
  'clion', 'phpstorm', 'rubymine', 'datagrip', 'jetbrains', 'windsurf', 'serve-web', 'anonymous', 'mi-client-id',
  'github', '--cli', '--no-browser', '--accept-server-license-terms', 'powershell', 'pwsh',
];

/** The fields a process event's seed fields and prefilters read (every alias, plain and `__mv_`). */
export const KEY_WORD_FIELDS: readonly EventField[] = ['Image', 'CommandLine', 'OriginalFileName', 'NewProcessName', 'ProcessName'];

/**
 * Superset of relayEvidence (Sysmon 22 QueryName, Sysmon 3 DestinationHostname): both relay
 * domains (networkSignals.ts RELAY_DOMAINS, `tunnels.api.visualstudio.com`, `devtunnels.ms`) hold `tunnels`.
 */
const RELAY_TOKEN = /tunnels/i;
export function relayMayMatch(hostField: 'QueryName' | 'DestinationHostname'): (event: EventView) => boolean {
  return (event) => RELAY_TOKEN.test(field(event, hostField));
}

/**
 * Superset of fileEvidence (Sysmon 11 TargetFilename): `code_tunnel.json`, `tunnel-service.log`,
 * `.net/devtunnel/`, `*-tunnel*.service` hold `tunnel`; the server folders (`.vscode-server`,
 * `.vscode/cli`, `.vscode-insiders/cli`, `.cursor-server`, `.cursor/cli`) hold `.vscode` or `.cursor`.
 */
const FILE_TOKENS = /tunnel|\.vscode|\.cursor/i;
export function fileMayMatch(event: EventView): boolean {
  return FILE_TOKENS.test(field(event, 'TargetFilename'));
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
