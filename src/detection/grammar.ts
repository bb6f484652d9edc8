import type { Match } from './combine';
import { CommandLineStyle, splitByStyle } from './commandLine';
import { baseName, folderKey, programName } from './paths';
import { desktopTool, Grammar, isIdeDesktop, programByName, Tool, toolLabel } from './tools';

/**
 * The argument grammars of the tunnel tools: given an argv, which tool and subcommand it is, and
 * the grammar-level signals (ids in weights.ts). Arguments are compared whole (after
 * CommandLineToArgvW / POSIX splitting), never searched as substrings.
 */

/** One recognised tool invocation inside a command line. */
export interface Invocation {
  tool: Tool;
  /** argv[0] as written (a path or a bare name). */
  program: string;
  /** Grammar signals: one primary (the subcommand) plus option signals. */
  matches: Match[];
  /** Recognised by argument shape only: the program name is not one of the tool's names. */
  byShape: boolean;
  /** `--parent-process-id` given (the desktop's Remote Tunnel Access passes it). */
  parentProcessId: boolean;
  /** The primary is a housekeeping/client subcommand (no tunnel of its own). */
  housekeeping: boolean;
}

/** Options of the VS Code CLI that take a value (next argument unless written `--opt=value`). */
const VSCODE_VALUE_OPTIONS = new Set([
  // global (GlobalOptions) and desktop (DesktopCodeOptions, EditorOptions, troubleshooting)
  '--cli-data-dir', '--log', '--log-to-file', '--telemetry-level', '--user-data-dir', '--extensions-dir', '--use-version',
  '--locale', '--profile', '--add', '--goto', '--category', '--disable-extension', '--sync', '--inspect-extensions',
  '--inspect-brk-extensions', '--max-memory', '--enable-proposed-api', '--install-extension', '--uninstall-extension',
  '--remote', '--folder-uri', '--file-uri',
  // tunnel (TunnelServeArgs, ExistingTunnelArgs, BaseServerArgs, LoginArgs)
  '--name', '--tunnel-name', '--host-token', '--tunnel-id', '--cluster', '--parent-process-id', '--server-data-dir',
  '--access-token', '--refresh-token', '--provider',
  // serve-web (ServeWebArgs)
  '--host', '--socket-path', '--port', '--connection-token', '--connection-token-file', '--server-base-path', '--commit-id',
]);

/** VS Code CLI options no other `tunnel` program has: enough to recognise a renamed CLI. */
const VSCODE_DISTINCT_OPTIONS = [
  '--accept-server-license-terms', '--random-name', '--no-sleep', '--cli-data-dir', '--parent-process-id',
  '--server-data-dir', '--install-extension', '--host-token', '--tunnel-id', '--extensions-dir',
];

/** `serve-web` options no npm/yarn script of that name has: enough to recognise a renamed CLI. */
const SERVE_WEB_DISTINCT_OPTIONS = [
  '--without-connection-token', '--accept-server-license-terms', '--connection-token', '--connection-token-file',
  '--server-base-path', '--server-data-dir', '--socket-path',
];

/** `code tunnel <sub>` subcommands that start no tunnel (TunnelSubcommand in args.rs). */
const VSCODE_HOUSEKEEPING = new Set(['prune', 'kill', 'restart', 'status', 'rename', 'unregister', 'forward-internal']);

/** Options of devtunnel that take a value, before the subcommand (global options are flags). */
const DEVTUNNEL_SUBCOMMANDS_WITH_CREATE = new Set(['access', 'port']);

/** A word without PowerShell-style single quotes or a trailing list comma: `'tunnel',` -> `tunnel`. */
function bareWord(word: string): string {
  let start = 0;
  let end = word.length;
  while (end > start && (word[end - 1] === ',' || word[end - 1] === ';')) end--;
  if (end - start >= 2 && word[start] === "'" && word[end - 1] === "'") {
    start++;
    end--;
  }
  return start === 0 && end === word.length ? word : word.slice(start, end);
}

interface Words {
  /** Positional arguments, lower case. */
  positionals: string[];
  /** For each positional: it follows an option we do not know, so it may be that option's value. */
  maybeValue: boolean[];
  /** option name (lower case, before any `=`) -> value, or '' for a flag */
  options: Map<string, string>;
}

/** Splits arguments into positionals and options; `valueOptions` take the next argument. */
function words(args: readonly string[], valueOptions: ReadonlySet<string>): Words {
  const positionals: string[] = [];
  const maybeValue: boolean[] = [];
  const options = new Map<string, string>();
  let afterUnknown = false;
  for (let i = 0; i < args.length; i++) {
    const arg = bareWord(args[i]);
    if (arg === '--') {
      for (const rest of args.slice(i + 1)) {
        positionals.push(rest.toLowerCase());
        maybeValue.push(false);
      }
      break;
    }
    if (arg.length > 1 && arg[0] === '-') {
      const eq = arg.indexOf('=');
      const name = (eq > 0 ? arg.slice(0, eq) : arg).toLowerCase();
      let value = eq > 0 ? arg.slice(eq + 1) : '';
      if (eq < 0 && valueOptions.has(name) && i + 1 < args.length) value = args[++i];
      if (!options.has(name)) options.set(name, value);
      afterUnknown = eq < 0 && !valueOptions.has(name);
      continue;
    }
    positionals.push(arg.toLowerCase());
    maybeValue.push(afterUnknown);
    afterUnknown = false;
  }
  return { positionals, maybeValue, options };
}

/** Options that print help or a version and exit. */
const HELP_OPTIONS = ['-h', '--help', '-v', '-V', '--version'];

function hasAny(options: Map<string, string>, names: readonly string[]): string | undefined {
  return names.find((n) => options.has(n));
}

function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || h.startsWith('127.');
}

/**
 * The VS Code CLI grammar (`code`, `code-tunnel`, `code-insiders`, `cursor-tunnel`, and the desktop
 * through `cli.js`), from microsoft/vscode cli/src/commands/args.rs: global options may come before
 * the subcommand; `tunnel` with no further subcommand hosts a tunnel; `tunnel service
 * install|internal-run|uninstall|log`; `tunnel user login|logout|show`; housekeeping subcommands;
 * `serve-web`. With `strict` (program not known by name) the shape must be unmistakable.
 */
function vscodeInvocation(tool: Tool, program: string, args: readonly string[], strict: boolean): Invocation | undefined {
  const { positionals: all, maybeValue, options } = words(args, VSCODE_VALUE_OPTIONS);
  // After `tunnel`, a word that may be the value of an option we do not know is skipped; any
  // other unknown word is refused by the CLI (clap), so it starts no tunnel.
  const p = all[0] === 'tunnel' ? ['tunnel', ...all.slice(1).filter((_, i) => !maybeValue[i + 1])] : all;
  const label = toolLabel(tool);
  const matches: Match[] = [];
  let housekeeping = false;
  if (p[0] === 'tunnel') {
    const distinct = hasAny(options, VSCODE_DISTINCT_OPTIONS) !== undefined;
    if (hasAny(options, HELP_OPTIONS)) {
      if (strict) return undefined;
      matches.push({ id: 'vscode.housekeeping', value: label });
      housekeeping = true;
    } else if (p[1] === 'service') {
      if (p[2] === 'install') matches.push({ id: 'vscode.service-install', value: label });
      else if (p[2] === 'internal-run') matches.push({ id: 'vscode.service-run', value: label });
      else if (!strict) {
        matches.push({ id: 'vscode.housekeeping', value: label });
        housekeeping = true;
      }
    } else if (p[1] === 'user') {
      if (p[2] === 'login' && (!strict || options.has('--provider'))) {
        matches.push({ id: 'vscode.login', value: label });
        if (options.has('--access-token')) matches.push({ id: 'vscode.access-token' });
      } else if (!strict) {
        matches.push({ id: 'vscode.housekeeping', value: label });
        housekeeping = true;
      }
    } else if (p[1] !== undefined && VSCODE_HOUSEKEEPING.has(p[1])) {
      if (strict && !distinct) return undefined;
      matches.push({ id: 'vscode.housekeeping', value: label });
      housekeeping = true;
    } else if (p[1] !== undefined) {
      return undefined;
    } else {
      if (strict && !distinct) return undefined;
      matches.push({ id: 'vscode.tunnel-host', value: label });
      const existing = hasAny(options, ['--host-token', '--tunnel-id']);
      if (existing) matches.push({ id: 'vscode.existing-tunnel', value: existing });
    }
  } else if (p[0] === 'serve-web') {
    if (hasAny(options, HELP_OPTIONS)) return undefined;
    if (strict && (p.length > 1 || !hasAny(options, SERVE_WEB_DISTINCT_OPTIONS))) return undefined;
    matches.push({ id: 'vscode.serve-web', value: label });
    const host = options.get('--host');
    if (host && !isLoopback(host)) matches.push({ id: 'vscode.serve-web-public', value: host });
    if (options.has('--without-connection-token')) matches.push({ id: 'vscode.serve-web-no-token' });
  } else {
    return undefined;
  }
  if (matches.length === 0) return undefined;
  if (options.has('--accept-server-license-terms') && !housekeeping) matches.push({ id: 'vscode.accept-license' });
  return { tool, program, matches, byShape: strict, parentProcessId: options.has('--parent-process-id'), housekeeping };
}

/** Remote-access service ports: SSH 22, RPC 135, SMB 445, RDP 3389, VNC 5900, WinRM 5985/5986. */
const REMOTE_ACCESS_PORTS = new Set(['22', '135', '445', '3389', '5900', '5985', '5986']);

/** The first remote-access port among the values of `-p` / `--port-numbers` (space or comma separated). */
function remoteAccessPort(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i].toLowerCase();
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name !== '-p' && name !== '--port-numbers' && name !== '--port') continue;
    const values = eq > 0 ? [a.slice(eq + 1)] : [];
    for (let j = i + 1; eq < 0 && j < args.length && args[j][0] !== '-'; j++) values.push(args[j]);
    for (const port of values.flatMap((v) => v.split(','))) if (REMOTE_ACCESS_PORTS.has(port.trim())) return port.trim();
  }
  return undefined;
}

/** devtunnel subcommands that create, expose or authenticate; everything else is housekeeping. */
function devtunnelInvocation(program: string, args: readonly string[], strict: boolean): Invocation | undefined {
  const { positionals: p, options } = words(args, new Set(['--log', '--verbosity']));
  const matches: Match[] = [];
  let housekeeping = false;
  const anonymous = hasAny(options, p[0] === 'access' ? ['--anonymous', '-a'] : ['--allow-anonymous', '-a']);
  const sub = DEVTUNNEL_SUBCOMMANDS_WITH_CREATE.has(p[0]) || p[0] === 'user' ? `${p[0]} ${p[1] ?? ''}`.trim() : p[0];
  switch (sub) {
    case 'host':
      if (strict && !options.has('--allow-anonymous')) return undefined;
      matches.push({ id: 'devtunnel.host' });
      break;
    case 'create':
      if (strict && !options.has('--allow-anonymous')) return undefined;
      matches.push({ id: 'devtunnel.create' });
      break;
    case 'access create':
      if (strict && !options.has('--anonymous')) return undefined;
      matches.push({ id: 'devtunnel.access-create' });
      break;
    case 'port create':
      if (strict) return undefined;
      matches.push({ id: 'devtunnel.port-create' });
      break;
    case 'user login': {
      const github = hasAny(options, ['-g', '--github']);
      const device = hasAny(options, ['-d', '--use-device-code-auth']);
      const managed = options.has('--mi-client-id');
      if (strict && !managed && !(github && device)) return undefined;
      matches.push({ id: 'devtunnel.login' });
      if (device) matches.push({ id: 'devtunnel.device-code', value: device });
      if (managed) matches.push({ id: 'devtunnel.managed-identity' });
      break;
    }
    case 'connect':
      if (strict) return undefined;
      matches.push({ id: 'devtunnel.connect' });
      housekeeping = true;
      break;
    default:
      if (strict || sub === undefined) return undefined;
      matches.push({ id: 'devtunnel.housekeeping', value: sub });
      housekeeping = true;
  }
  if (anonymous && (sub === 'host' || sub === 'create' || sub === 'access create')) matches.push({ id: 'devtunnel.anonymous', value: anonymous });
  const remotePort = sub === 'host' || sub === 'port create' ? remoteAccessPort(args) : undefined;
  if (remotePort) matches.push({ id: 'devtunnel.remote-access-port', value: remotePort });
  return { tool: 'devtunnel', program, matches, byShape: strict, parentProcessId: false, housekeeping };
}

/** JetBrains `remote-dev-server(.sh|.bat) <command>`: `run` hosts the IDE backend; the rest is housekeeping. */
function jetbrainsRemoteDevInvocation(program: string, args: readonly string[]): Invocation {
  const command = args.find((a) => a[0] !== '-')?.toLowerCase() ?? 'help';
  const run = command === 'run';
  return {
    tool: 'jetbrains',
    program,
    matches: [run ? { id: 'jetbrains.remote-dev-host' } : { id: 'jetbrains.housekeeping', value: command }],
    byShape: false,
    parentProcessId: false,
    housekeeping: !run,
  };
}

/** True when the argument is the desktop's CLI script `<install>/resources/app/out/cli.js`. */
function isDesktopCliScript(arg: string | undefined): boolean {
  return arg !== undefined && baseName(arg) === 'cli.js' && folderKey(arg).includes('/resources/app/out/');
}

/** Arguments with quoted multi-word values or PowerShell arrays split into words (`-ArgumentList "tunnel ..."`, `'tunnel','--name'`). */
function flatten(args: readonly string[], style: CommandLineStyle): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg.includes(' ') && !arg.includes('\\') && !arg.includes('/')) out.push(...splitByStyle(arg, style));
    else if (arg[0] === "'" && arg.includes("','")) out.push(...arg.split(',')); // PowerShell array 'a','b'
    else out.push(arg);
  }
  return out;
}

/** True for a shell control operator or redirection word (`&`, `&&`, `|`, `;`, `>`, `2>&1`, `<`). */
function isControlWord(word: string): boolean {
  if (word === '&' || word === '&&' || word === '|' || word === '||' || word === ';') return true;
  const c = word[0];
  return c === '>' || c === '<' || (c >= '0' && c <= '9' && word[1] === '>');
}

/** The arguments up to the first control operator: what the program itself receives. */
function ownArguments(args: readonly string[]): string[] {
  const end = args.findIndex(isControlWord);
  return end < 0 ? [...args] : args.slice(0, end);
}

function byGrammar(grammar: Grammar, tool: Tool, argv: readonly string[], style: CommandLineStyle, strict: boolean): Invocation | undefined {
  const program = argv[0];
  const args = ownArguments(flatten(argv.slice(1), style));
  switch (grammar) {
    case 'vscode-cli':
      return vscodeInvocation(tool, program, args, strict);
    case 'devtunnel':
      return devtunnelInvocation(program, args, strict);
    case 'jetbrains-remote-dev':
      return jetbrainsRemoteDevInvocation(program, args);
    case 'jetbrains-gateway':
      return { tool, program, matches: [{ id: 'jetbrains.gateway' }], byShape: false, parentProcessId: false, housekeeping: true };
  }
}

/**
 * Reads one invocation starting at argv[0].
 * - The desktop hop (`Code.exe <install>\resources\app\out\cli.js tunnel ...`, Linux
 *   `/usr/share/code/code .../cli.js tunnel`) is read as the CLI of that desktop's tool.
 * - A program known by name gets its tool's grammar.
 * - `asTool` forces a tool's grammar (OriginalFileName says which binary it really is).
 * - Otherwise, when `allowShape`, every grammar is tried in strict mode (renamed binaries).
 */
export function readInvocation(argv: readonly string[], style: CommandLineStyle, allowShape: boolean, asTool?: Tool): Invocation | undefined {
  if (argv.length === 0) return undefined;
  const program = argv[0];
  if (isDesktopCliScript(argv[1])) {
    const hop = vscodeInvocation(desktopTool(program), program, ownArguments(flatten(argv.slice(2), style)), false);
    // An Electron binary running the CLI script under another name is renamed.
    return hop && !isIdeDesktop(program) ? { ...hop, byShape: true } : hop;
  }
  const known = programByName(program);
  const byName = known ? byGrammar(known.grammar, known.tool, argv, style, false) : undefined;
  if (byName) return byName;
  const asBinary = asTool ? byGrammar(asTool === 'devtunnel' ? 'devtunnel' : 'vscode-cli', asTool, argv, style, false) : undefined;
  if (asBinary) return asBinary;
  if (!allowShape || known) return undefined;
  return byGrammar('vscode-cli', 'vscode', argv, style, true) ?? byGrammar('devtunnel', 'devtunnel', argv, style, true);
}

/**
 * The grammar's key words: a command line without any of them holds no invocation the grammars
 * accept (every tunnel subcommand, tool name or strict-shape option contains one). One
 * case-insensitive alternation of literals: linear time, no backtracking.
 */
const KEY_WORDS = /tunnel|serve-web|remote-dev-server|gateway|anonymous|mi-client-id/i;

/**
 * Cheap pre-check (any case): could the text hold a tunnel tool invocation at all?
 * Measured on the 2,021 OTRF EID 1 command lines: ~220-300 ns/row with this regular expression vs
 * ~430-490 ns/row lower-casing and testing each word with `includes`, and ~1,300-1,800 ns/row to
 * tokenize instead; no background row passes it.
 */
export function mayHoldInvocation(text: string): boolean {
  return KEY_WORDS.test(text);
}

/** Nesting depth for quoted command lines inside arguments (`cmd /c "..."`, `schtasks /tr "..."`). */
const MAX_DEPTH = 2;

/**
 * Programs that run their arguments as a command: `shell` ones take a script (their quoted
 * arguments are read as scripts, every command position counts), `command` ones take a program
 * and its arguments (`schtasks /tr`, `sc binPath=`, `nohup`, `sudo`, `start`, ...). Only these
 * carry nested invocations: `git commit -m "code tunnel"` or `notepad code tunnel.txt` do not.
 */
const LAUNCHERS: Record<string, 'shell' | 'command'> = {
  cmd: 'shell', powershell: 'shell', pwsh: 'shell', powershell_ise: 'shell', bash: 'shell', sh: 'shell', zsh: 'shell',
  dash: 'shell', ksh: 'shell', fish: 'shell', busybox: 'shell', wsl: 'shell', ssh: 'shell', script: 'shell', su: 'shell',
  schtasks: 'command', reg: 'command', sc: 'command', nssm: 'command', wmic: 'command', psexec: 'command', psexec64: 'command',
  paexec: 'command', runas: 'command', conhost: 'command', forfiles: 'command', at: 'command', start: 'command', wt: 'command',
  nohup: 'command', setsid: 'command', sudo: 'command', doas: 'command', env: 'command', timeout: 'command', xargs: 'command',
  screen: 'command', tmux: 'command', 'systemd-run': 'command', runuser: 'command', nice: 'command', watch: 'command', flock: 'command',
};

/**
 * Commands that print, search or store text: a tool name after one of them in the same command
 * (`echo code tunnel`, `findstr "code tunnel"`, `Write-Host`) is text, not an invocation.
 */
const TEXT_COMMANDS = new Set([
  'echo', 'printf', 'print', 'write-host', 'write-output', 'write-verbose', 'out-file', 'set-content', 'add-content', 'set', 'setx',
  'export', 'alias', 'rem', 'git', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'findstr', 'find', 'select-string', 'sls', 'sed', 'awk',
  'type', 'cat', 'more', 'less', 'head', 'tail', 'man', 'help', 'which', 'where', 'whereis', 'get-command', 'gcm', 'title', 'msg',
]);

/**
 * Every tool invocation in an argv: argv[0] itself (by name, by OriginalFileName via `asTool`,
 * or by shape), and, when argv[0] is a launcher (see LAUNCHERS) or the argv is a shell script,
 * every later command position that names a tool program (`cmd /c code tunnel`,
 * `start "" /b devtunnel host`, `cd x && code tunnel`) and every quoted argument that is itself a
 * command line (`schtasks /tr "C:\x\code.exe tunnel"`, `bash -c "nohup ./code tunnel &"`), read
 * recursively. A tool name after a text command in the same command (`echo code tunnel`) is skipped.
 *
 * @param inShell the argv is a script (a shell launcher's quoted argument): any program may start it
 * @returns invocations in the order found; `own` marks argv[0]'s (depth 0 only)
 */
export function findInvocations(
  argv: readonly string[],
  style: CommandLineStyle,
  asTool?: Tool,
  depth = 0,
  inShell = false,
): { invocation: Invocation; own: boolean }[] {
  const found: { invocation: Invocation; own: boolean }[] = [];
  const first = readInvocation(argv, style, true, asTool);
  if (first) {
    found.push({ invocation: first, own: depth === 0 });
    return found;
  }
  const launcher = LAUNCHERS[programName(argv[0] ?? '')];
  if (!launcher && !inShell) return found;
  const scripts = inShell || launcher === 'shell';
  // Inside one command (up to a control operator): true once a text command or a tool was seen.
  let blocked = TEXT_COMMANDS.has(programName(argv[0] ?? ''));
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (isControlWord(arg)) {
      blocked = false;
      continue;
    }
    if (blocked) continue;
    if (TEXT_COMMANDS.has(programName(arg))) {
      blocked = true;
      continue;
    }
    if (programByName(arg)) {
      const nested = readInvocation(argv.slice(i), style, false);
      if (nested) {
        found.push({ invocation: nested, own: false });
        blocked = true;
        continue;
      }
    }
    if (depth < MAX_DEPTH && (arg.includes(' ') || arg.includes('\t')) && mayHoldInvocation(arg)) {
      for (const inner of findInvocations(splitByStyle(arg, style), style, undefined, depth + 1, scripts)) {
        found.push({ invocation: inner.invocation, own: false });
      }
    }
  }
  return found;
}
