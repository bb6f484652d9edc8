import type { Match } from '../combine';
import type { SignalId } from '../rules';
import { Tool, toolLabel } from '../tools';
import type { Invocation } from './invocation';
import { hasAny, HELP_OPTIONS, words } from './words';

/** Options of the VS Code CLI that take a value (next argument unless written `--opt=value`). */
export const VSCODE_VALUE_OPTIONS: ReadonlySet<string> = new Set([
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

/** Flags of the VS Code CLI (no value): with VSCODE_VALUE_OPTIONS, the long options whose spelling clap checks. */
const VSCODE_FLAGS = new Set([
  '--accept-server-license-terms', '--random-name', '--no-sleep', '--verbose', '--disable-telemetry', '--without-connection-token',
  '--tunnel', '--detach', '--replace', '--help', '--version', '--status', '--new-window', '--reuse-window', '--wait',
]);

/** VS Code CLI options no other `tunnel` program has: enough to recognise a renamed CLI. */
const VSCODE_DISTINCT_OPTIONS = [
  '--accept-server-license-terms', '--random-name', '--no-sleep', '--cli-data-dir', '--parent-process-id',
  '--server-data-dir', '--install-extension', '--host-token', '--tunnel-id', '--extensions-dir',
];

/** Flags of `code tunnel` (TunnelServeArgs, GlobalOptions) that take no value. */
const VSCODE_TUNNEL_FLAGS = new Set(['--accept-server-license-terms', '--random-name', '--no-sleep', '--verbose', '--disable-telemetry']);

/** True when every option given is one the VS Code CLI's `tunnel` accepts (no foreign options such as `--url`). */
function onlyTunnelOptions(options: ReadonlyMap<string, string>): boolean {
  for (const name of options.keys()) if (!VSCODE_TUNNEL_FLAGS.has(name) && !VSCODE_VALUE_OPTIONS.has(name)) return false;
  return true;
}

/** `serve-web` options no npm/yarn script of that name has: enough to recognise a renamed CLI. */
const SERVE_WEB_DISTINCT_OPTIONS = [
  '--without-connection-token', '--accept-server-license-terms', '--connection-token', '--connection-token-file',
  '--server-base-path', '--server-data-dir', '--socket-path',
];

/** `code tunnel <sub>` subcommands that start no tunnel (TunnelSubcommand in args.rs). */
const VSCODE_HOUSEKEEPING = new Set(['prune', 'kill', 'restart', 'status', 'rename', 'unregister', 'forward-internal']);

/** `code agent <sub>` subcommands that start nothing (agent_host.rs: ps, kill, stop, logs, endpoints). */
const AGENT_HOUSEKEEPING = new Set(['ps', 'kill', 'stop', 'logs', 'endpoints']);

function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || h.startsWith('127.');
}

/** Port `serve-web` listens on (ServeWebArgs: `--port`, default 8000); undefined when not a number. */
function servePort(options: ReadonlyMap<string, string>): number | undefined {
  const port = options.get('--port');
  if (port === undefined) return 8000;
  return /^[0-9]{1,5}$/.test(port) ? Number(port) : undefined;
}

/** Longest tunnel name is_valid_name accepts, in bytes (MAX_TUNNEL_NAME_LENGTH in dev_tunnels.rs). */
const MAX_TUNNEL_NAME_BYTES = 20;
/** Rust's Unicode `\w` (alphabetic, marks, decimal digits, connector punctuation, joiners) and `-`. */
const TUNNEL_NAME = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}-]+$/u;

/**
 * Why the VS Code CLI refuses a tunnel name, or undefined: microsoft/vscode
 * cli/src/tunnels/dev_tunnels.rs `is_valid_name` (the name, ASCII-lower-cased, at most 20 bytes and
 * matching `^([\w-]+)$`), checked when the CLI registers a new tunnel under that name.
 */
export function refusedTunnelName(name: string): string | undefined {
  const lower = name.replace(/[A-Z]+/g, (c) => c.toLowerCase());
  if (Buffer.byteLength(lower, 'utf8') > MAX_TUNNEL_NAME_BYTES) return `tunnel name \`${name}\` is longer than ${MAX_TUNNEL_NAME_BYTES} characters`;
  if (!TUNNEL_NAME.test(lower)) return `tunnel name \`${name}\` holds characters other than letters, digits, \`_\` and \`-\``;
  return undefined;
}

/**
 * Why clap refuses the words the grammar matched, or undefined: the VS Code CLI's subcommand and
 * long-option names are case-sensitive (clap derive in cli/src/commands/args.rs sets neither
 * `ignore_case` nor `infer_subcommands`), so `TUNNEL` or `--ACCEPT-SERVER-LICENSE-TERMS` is an
 * error on every platform, Windows included.
 */
function refusedSpelling(rawSubcommands: readonly string[], rawOptionNames: readonly string[]): string | undefined {
  const subcommand = rawSubcommands.find((w) => w !== w.toLowerCase());
  if (subcommand !== undefined) return `subcommand \`${subcommand}\` (the CLI matches subcommands case-sensitively)`;
  const option = rawOptionNames.find((o) => o !== o.toLowerCase() && o.startsWith('--') && (VSCODE_VALUE_OPTIONS.has(o.toLowerCase()) || VSCODE_FLAGS.has(o.toLowerCase())));
  if (option !== undefined) return `option \`${option}\` (the CLI matches options case-sensitively)`;
  return undefined;
}

/**
 * The VS Code CLI grammar (`code`, `code-tunnel`, `code-insiders`, `cursor-tunnel`, VSCodium's
 * `codium-tunnel`, and the desktops through `cli.js`), from microsoft/vscode cli/src/commands/args.rs:
 * global options may come before the subcommand; `tunnel` with no further subcommand hosts a
 * tunnel; `tunnel service install|internal-run|uninstall|log`; `tunnel user login|logout|show`;
 * housekeeping subcommands; `serve-web` (loopback, its default, apart from any other `--host`);
 * `agent host` (cli/src/commands/agent_host.rs) and its housekeeping. A launch the CLI refuses
 * (a subcommand or option in the wrong case, a tunnel name `is_valid_name` rejects) is an attempt
 * (`vscode.attempt`), whatever the quoting. With `strict` (program not known by name) the shape
 * must be unmistakable; with `staged` too (the unknown program sits in a temp or user-writable
 * folder and is no other tunnel product), a bare `tunnel` whose options are all VS Code CLI tunnel
 * options is enough.
 */
export function vscodeInvocation(tool: Tool, program: string, args: readonly string[], strict: boolean, staged = false): Invocation | undefined {
  const { positionals: all, rawPositionals: rawAll, rawOptionNames, maybeValue, options } = words(args, VSCODE_VALUE_OPTIONS);
  // After `tunnel`, a word that may be the value of an option we do not know is skipped; any
  // other unknown word is refused by the CLI (clap), so it starts no tunnel.
  const kept = all.map((_, i) => i).filter((i) => all[0] !== 'tunnel' || i === 0 || !maybeValue[i]);
  const p = kept.map((i) => all[i]);
  const raw = kept.map((i) => rawAll[i]);
  const label = toolLabel(tool);
  const matches: Match[] = [];
  let housekeeping = false;
  let port: number | undefined;
  /** The launch the matched subcommand words (`depth` of them) make, or an attempt when the CLI refuses it. */
  const launch = (depth: number, id: SignalId, checkName: boolean): void => {
    const name = checkName ? options.get('--name') : undefined;
    const refused = refusedSpelling(raw.slice(0, depth), rawOptionNames) ?? (name !== undefined && name !== '' ? refusedTunnelName(name) : undefined);
    if (refused) {
      matches.push({ id: 'vscode.attempt', value: `${label} ${refused}` });
      housekeeping = true;
    } else matches.push({ id, value: label });
  };
  if (p[0] === 'tunnel') {
    const distinct = hasAny(options, VSCODE_DISTINCT_OPTIONS) !== undefined;
    if (hasAny(options, HELP_OPTIONS)) {
      if (strict) return undefined;
      matches.push({ id: 'vscode.housekeeping', value: label });
      housekeeping = true;
    } else if (p[1] === 'service') {
      if (p[2] === 'install') launch(3, 'vscode.service-install', true);
      else if (p[2] === 'internal-run') launch(3, 'vscode.service-run', false);
      else if (!strict) {
        matches.push({ id: 'vscode.housekeeping', value: label });
        housekeeping = true;
      }
    } else if (p[1] === 'user') {
      if (p[2] === 'login' && (!strict || options.has('--provider'))) {
        launch(3, 'vscode.login', false);
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
      if (strict && !distinct && !(staged && onlyTunnelOptions(options))) return undefined;
      launch(1, 'vscode.tunnel-host', true);
      const existing = hasAny(options, ['--host-token', '--tunnel-id']);
      if (existing && !housekeeping) matches.push({ id: 'vscode.existing-tunnel', value: existing });
    }
  } else if (p[0] === 'serve-web') {
    if (hasAny(options, HELP_OPTIONS)) return undefined;
    if (strict && (p.length > 1 || !hasAny(options, SERVE_WEB_DISTINCT_OPTIONS))) return undefined;
    const host = options.get('--host');
    const local = options.has('--socket-path') || host === undefined || isLoopback(host);
    launch(1, local ? 'vscode.serve-web-loopback' : 'vscode.serve-web', false);
    if (!housekeeping) {
      if (!local && host) matches.push({ id: 'vscode.serve-web-public', value: host });
      if (options.has('--without-connection-token')) matches.push({ id: local ? 'vscode.serve-web-no-token-loopback' : 'vscode.serve-web-no-token' });
      if (local && !options.has('--socket-path')) port = servePort(options);
    }
  } else if (p[0] === 'agent' && p[1] === 'host') {
    if (hasAny(options, HELP_OPTIONS)) return undefined;
    if (strict && !options.has('--tunnel') && !options.has('--without-connection-token')) return undefined;
    launch(2, 'vscode.agent-host', options.has('--tunnel'));
    const host = options.get('--host');
    if (!housekeeping) {
      if (options.has('--tunnel')) matches.push({ id: 'vscode.agent-host-tunnel' });
      const local = host === undefined || isLoopback(host);
      if (!local && host) matches.push({ id: 'vscode.agent-host-public', value: host });
      if (options.has('--without-connection-token')) matches.push({ id: local ? 'vscode.serve-web-no-token-loopback' : 'vscode.serve-web-no-token' });
    }
  } else if (p[0] === 'agent' && p[1] !== undefined && AGENT_HOUSEKEEPING.has(p[1]) && !strict) {
    matches.push({ id: 'vscode.housekeeping', value: label });
    housekeeping = true;
  } else {
    return undefined;
  }
  if (matches.length === 0) return undefined;
  if (options.has('--accept-server-license-terms') && !housekeeping) matches.push({ id: 'vscode.accept-license' });
  return { tool, program, matches, byShape: strict, parentProcessId: options.has('--parent-process-id'), housekeeping, ...(port !== undefined ? { loopbackPort: port } : {}) };
}
