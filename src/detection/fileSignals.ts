import type { EventView } from '../events/eventView';
import type { Match } from './combine';
import { actorMatches, Evidence, field, NOTHING } from './evidence';
import { baseName, folderKey, isTunnelUnitName } from './paths';
import { programHasRole } from './programs';
import { isIdeDesktop, programByName, Tool } from './tools';

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
];

/**
 * Servers the tunnel CLI downloads and starts live under its data dir (`~/.vscode/cli/servers/
 * Stable-<commit>/server`); Remote-SSH keeps its servers under `~/.vscode-server` instead.
 */
const TUNNEL_SERVER_FOLDERS = ['/.vscode/cli/servers/', '/.vscode-insiders/cli/servers/', '/.cursor/cli/servers/'];

/** devtunnel is a .NET single-file app: it extracts itself to `%TEMP%\.net\devtunnel\<hash>\`. */
const DEVTUNNEL_EXTRACT = '/.net/devtunnel/';

/** The IDE, a tunnel CLI, or the VS Code server's Node.js. */
function isIdeWriter(image: string): boolean {
  if (programByName(image) || isIdeDesktop(image)) return true;
  return programHasRole(image, 'vscode-server-node') && SERVER_FOLDERS.some((f) => folderKey(image).includes(f.folder));
}

/**
 * Sysmon EID 11 (file created) `TargetFilename`: tunnel registration `code_tunnel.json`, the
 * tunnel service log `tunnel-service.log`, VS Code server/CLI data, devtunnel's extraction folder,
 * and the systemd unit of the Linux tunnel service (persistence, T1543.002).
 * Raised when the writer (`Image`) is not the IDE or a tunnel CLI, and by its run location.
 */
export function fileEvidence(event: EventView): Evidence {
  const target = field(event, 'TargetFilename');
  if (target === '') return NOTHING;
  const base = baseName(target);
  const key = folderKey(target);
  let primary: Match | undefined;
  let tool: Tool | '' = '';
  if (base.endsWith('.service') && key.includes('/systemd/') && isTunnelUnitName(base)) {
    const matches: Match[] = [{ id: 'persist.systemd-unit', value: target }];
    const writer = field(event, 'Image');
    if (writer !== '' && !isIdeWriter(writer)) matches.push({ id: 'persist.writer-not-ide', value: baseName(writer) });
    return { matches, tool: base.startsWith('cursor') ? 'cursor' : base.includes('insiders') ? 'vscode-insiders' : 'vscode' };
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
