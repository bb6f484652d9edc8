import type { EventView } from '../events/eventView';
import type { Match } from './combine';
import { actorMatches, Evidence, field, NOTHING } from './evidence';
import { baseName, folderKey, isTunnelUnitName } from './paths';
import { programHasRole } from './programs';
import { desktopTool, isIdeDesktop, programByName, Tool } from './tools';

/**
 * Folders of the VS Code server and CLI data (`~/.vscode-server`, `~/.vscode/cli`, Insiders and
 * Cursor variants): the CLI keeps `code_tunnel.json`, `tunnel-service.log` and downloaded servers
 * there, and the server keeps remote-edit history under `data/User/History`.
 * Source: microsoft/vscode cli/src/state.rs (LauncherPaths), SigmaHQ file_event_win_vscode_tunnel_*.
 */
const SERVER_FOLDERS: readonly { folder: string; tool: Tool }[] = [
  { folder: '/.vscode-server/', tool: 'vscode' },
  { folder: '/.vscode-server-insiders/', tool: 'vscode-insiders' },
  { folder: '/.vscode/cli/', tool: 'vscode' },
  { folder: '/.vscode-insiders/cli/', tool: 'vscode-insiders' },
  { folder: '/.cursor-server/', tool: 'cursor' },
  { folder: '/.cursor/cli/', tool: 'cursor' },
  // VSCodium: serverDataFolderName .vscodium-server, CLI data under dataFolderName .vscode-oss.
  { folder: '/.vscodium-server/', tool: 'vscodium' },
  { folder: '/.vscode-oss/cli/', tool: 'vscodium' },
];

/**
 * Servers the tunnel CLI downloads and starts live under its data dir (`~/.vscode/cli/servers/
 * Stable-<commit>/server`); Remote-SSH keeps its servers under `~/.vscode-server` instead.
 */
const TUNNEL_SERVER_FOLDERS = ['/.vscode/cli/servers/', '/.vscode-insiders/cli/servers/', '/.cursor/cli/servers/', '/.vscode-oss/cli/servers/'];

/** devtunnel is a .NET single-file app: it extracts itself to `%TEMP%\.net\devtunnel\<hash>\`. */
const DEVTUNNEL_EXTRACT = '/.net/devtunnel/';

/**
 * The registry entry a running agent host publishes: `<userDataPath>/agent-host/local-endpoint/
 * entries/<sha256hex>.json`, holding its connection token and tunnel name (microsoft/vscode
 * cli/src/tunnels/agent_host_registry.rs; `editor` entries come from VS Code windows, `standalone`
 * ones from `code agent host`).
 */
const AGENT_HOST_ENTRIES = '/agent-host/local-endpoint/entries/';

/**
 * The applicationName in the launchd plist `code tunnel service install` writes on macOS:
 * `~/com.visualstudio.<applicationName>.tunnel.plist` (microsoft/vscode cli/src/tunnels/service_macos.rs),
 * or undefined for other file names. `base` is lower case.
 */
function launchdTunnelApp(base: string): string | undefined {
  const prefix = 'com.visualstudio.';
  const suffix = '.tunnel.plist';
  if (!base.startsWith(prefix) || !base.endsWith(suffix) || base.length <= prefix.length + suffix.length) return undefined;
  return base.slice(prefix.length, -suffix.length);
}

/** The tool of a CLI applicationName or a name starting with it (`code-insiders-tunnel.service`, `codium`). */
function toolOfApplicationName(name: string): Tool {
  if (name.startsWith('cursor')) return 'cursor';
  if (name.startsWith('codium')) return 'vscodium';
  return name.includes('insiders') ? 'vscode-insiders' : 'vscode';
}

/** The IDE, a tunnel CLI, or the VS Code server's Node.js. */
function isIdeWriter(image: string): boolean {
  if (programByName(image) || isIdeDesktop(image)) return true;
  return programHasRole(image, 'vscode-server-node') && SERVER_FOLDERS.some((f) => folderKey(image).includes(f.folder));
}

/**
 * Sysmon EID 11 (file created) `TargetFilename`, or CIM Filesystem `file_path` (EDR data, macOS):
 * tunnel registration `code_tunnel.json`, the tunnel service log `tunnel-service.log`, VS Code
 * server/CLI data, devtunnel's extraction folder, the systemd unit of the Linux tunnel service
 * (T1543.002) and the launchd plist of the macOS one (T1543.001), and the agent host's registry entry.
 * Raised when the writer (`Image`) is not the IDE or a tunnel CLI, and by its run location.
 */
export function fileEvidence(event: EventView): Evidence {
  const target = field(event, 'TargetFilename');
  if (target === '') return NOTHING;
  const base = baseName(target);
  const key = folderKey(target);
  let primary: Match | undefined;
  let tool: Tool | '' = '';
  // The unit `code tunnel service install` writes into the CLI data folder (service_linux.rs), or
  // its link under a systemd folder when the unit is enabled.
  const unit = base.endsWith('.service') && isTunnelUnitName(base);
  const plist = launchdTunnelApp(base);
  if (unit || plist !== undefined) {
    const matches: Match[] = [unit ? { id: 'persist.systemd-unit', value: target } : { id: 'persist.launchd-plist', value: target }];
    const writer = field(event, 'Image');
    if (writer !== '' && !isIdeWriter(writer)) matches.push({ id: 'persist.writer-not-ide', value: baseName(writer) });
    return { matches, tool: toolOfApplicationName(unit ? base : (plist as string)) };
  }
  if (key.includes(AGENT_HOST_ENTRIES) && base.endsWith('.json')) {
    const writer = field(event, 'Image');
    const matches: Match[] = [{ id: 'file.agent-host-entry', value: base }, ...actorMatches(writer, field(event, 'User'), 'writer.not-ide', isIdeWriter)];
    return { matches, tool: (writer !== '' && (programByName(writer)?.tool ?? (isIdeDesktop(writer) ? desktopTool(writer) : undefined))) || 'vscode' };
  }
  if (base === 'code_tunnel.json') primary = { id: 'file.tunnel-registration', value: base };
  else if (base === 'tunnel-service.log') primary = { id: 'file.tunnel-service-log', value: base };
  if (primary) tool = SERVER_FOLDERS.find((f) => key.includes(f.folder))?.tool ?? 'vscode';
  else if (key.includes(DEVTUNNEL_EXTRACT)) {
    primary = { id: 'file.devtunnel-extract', value: target };
    tool = 'devtunnel';
  } else {
    const server = SERVER_FOLDERS.find((f) => key.includes(f.folder));
    if (server) {
      const writer = field(event, 'Image');
      const tunnelServer = key.includes('/data/user/history/') && TUNNEL_SERVER_FOLDERS.some((f) => folderKey(writer).includes(f));
      primary = tunnelServer ? { id: 'file.tunnel-remote-edit', value: baseName(writer) } : { id: 'file.server-data', value: server.folder.slice(1, -1) };
      tool = server.tool;
    }
  }
  if (!primary) return NOTHING;
  const matches: Match[] = [primary, ...actorMatches(field(event, 'Image'), field(event, 'User'), 'writer.not-ide', isIdeWriter)];
  return { matches, tool };
}
