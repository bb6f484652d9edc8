import type { Match } from '../combine';
import { Tool, toolLabel } from '../tools';
import type { Invocation } from './invocation';
import { hasAny, HELP_OPTIONS, words } from './words';

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

function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || h.startsWith('127.');
}

/**
 * The VS Code CLI grammar (`code`, `code-tunnel`, `code-insiders`, `cursor-tunnel`, and the desktop
 * through `cli.js`), from microsoft/vscode cli/src/commands/args.rs: global options may come before
 * the subcommand; `tunnel` with no further subcommand hosts a tunnel; `tunnel service
 * install|internal-run|uninstall|log`; `tunnel user login|logout|show`; housekeeping subcommands;
 * `serve-web`. With `strict` (program not known by name) the shape must be unmistakable; with
 * `staged` too (the unknown program sits in a temp or user-writable folder and is no other tunnel
 * product), a bare `tunnel` whose options are all VS Code CLI tunnel options is enough.
 */
export function vscodeInvocation(tool: Tool, program: string, args: readonly string[], strict: boolean, staged = false): Invocation | undefined {
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
      if (strict && !distinct && !(staged && onlyTunnelOptions(options))) return undefined;
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
