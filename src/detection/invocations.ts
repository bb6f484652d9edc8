import { CommandLineStyle, splitByStyle } from './commandLine';
import { devtunnelInvocation } from './grammar/devtunnel';
import type { Invocation } from './grammar/invocation';
import { jetbrainsRemoteDevInvocation } from './grammar/jetbrains';
import { VSCODE_VALUE_OPTIONS, vscodeInvocation } from './grammar/vscode';
import { flatten, isControlWord, ownArguments } from './grammar/words';
import { baseName, folderKey, programName, runLocation } from './paths';
import { GRAMMAR_PATTERN } from './screen';
import { desktopTool, Grammar, isIdeDesktop, programByName, Tool } from './tools';

export type { Invocation } from './grammar/invocation';

/**
 * The argument grammars of the tunnel tools: given an argv, which tool and subcommand it is, and
 * the grammar-level signals (ids in rules.ts). Arguments are compared whole (after
 * CommandLineToArgvW / POSIX splitting), never searched as substrings.
 */

/** True when the argument is the desktop's CLI script `<install>/resources/app/out/cli.js`. */
function isDesktopCliScript(arg: string | undefined): boolean {
  return arg !== undefined && baseName(arg) === 'cli.js' && folderKey(arg).includes('/resources/app/out/');
}

function byGrammar(grammar: Grammar, tool: Tool, argv: readonly string[], style: CommandLineStyle, strict: boolean): Invocation | undefined {
  const program = argv[0];
  const args = ownArguments(flatten(argv.slice(1), style, grammar === 'vscode-cli' ? VSCODE_VALUE_OPTIONS : undefined));
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
    const hop = vscodeInvocation(desktopTool(program), program, ownArguments(flatten(argv.slice(2), style, VSCODE_VALUE_OPTIONS)), false);
    // An Electron binary running the CLI script under another name is renamed.
    return hop && !isIdeDesktop(program) ? { ...hop, byShape: true } : hop;
  }
  const known = programByName(program);
  const byName = known ? byGrammar(known.grammar, known.tool, argv, style, false) : undefined;
  if (byName) return byName;
  const asBinary = asTool ? byGrammar(asTool === 'devtunnel' ? 'devtunnel' : 'vscode-cli', asTool, argv, style, false) : undefined;
  if (asBinary) return asBinary;
  if (!allowShape || known) return undefined;
  const name = programName(program);
  if (OTHER_TUNNEL_PRODUCTS.has(name)) return undefined;
  const where = runLocation(program);
  const staged = where === 'temp' || where === 'user-writable';
  const args = ownArguments(flatten(argv.slice(1), style, VSCODE_VALUE_OPTIONS));
  return vscodeInvocation('vscode', program, args, true, staged) ?? byGrammar('devtunnel', 'devtunnel', argv, style, true);
}

/**
 * Other tunnel and remote-access products, whose own `tunnel` subcommands are not the IDE's:
 * Cloudflare Tunnel, ngrok, frp, chisel, bore, localtunnel, zrok, Pinggy, Tailscale, inlets,
 * rathole, gost, ligolo, SSH clients, stunnel, VPN clients.
 */
const OTHER_TUNNEL_PRODUCTS = new Set([
  'cloudflared', 'ngrok', 'frpc', 'frps', 'chisel', 'bore', 'lt', 'localtunnel', 'zrok', 'pinggy', 'tailscale', 'tailscaled', 'inlets',
  'inletsctl', 'rathole', 'gost', 'ligolo', 'ligolo-ng', 'ssh', 'plink', 'putty', 'sshuttle', 'stunnel', 'openvpn', 'wireguard', 'wg',
]);


/**
 * Cheap pre-check (any case): could the text hold a tunnel tool invocation at all? A text without
 * any of the grammar rules' words holds none.
 * Measured on the 2,021 OTRF EID 1 command lines: ~220-300 ns/row with this regular expression vs
 * ~430-490 ns/row lower-casing and testing each word with `includes`, and ~1,300-1,800 ns/row to
 * tokenize instead; no background row passes it.
 */
export function mayHoldInvocation(text: string): boolean {
  return GRAMMAR_PATTERN.test(text);
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
      // The rest of this command is the tool's arguments, found or not: one attempt per command
      // keeps the scan linear (`cmd /c code code code ...` does not re-read the tail each time).
      blocked = true;
      let end = i + 1;
      while (end < argv.length && !isControlWord(argv[end])) end++;
      const nested = readInvocation(argv.slice(i, end), style, false);
      if (nested) found.push({ invocation: nested, own: false });
      continue;
    }
    if (depth < MAX_DEPTH && (arg.includes(' ') || arg.includes('\t')) && mayHoldInvocation(arg)) {
      for (const inner of findInvocations(splitByStyle(arg, style), style, undefined, depth + 1, scripts)) {
        found.push({ invocation: inner.invocation, own: false });
      }
    }
  }
  return found;
}
