import type { EventView } from '../events/eventView';
import type { EventField } from '../events/fieldAliases';
import type { Match } from './combine';
import { accountMatch } from './context';
import { Evidence, field } from './evidence';
import { baseName, folderKey, programName } from './paths';
import { nameHasRole } from './programs';
import { signalRule } from './rules';
import { fieldScreen } from './screen';
import type { Tool } from './tools';

/**
 * Children of a tunnel host (issue 13). When a client connects, the tunnel CLI starts the VS Code
 * server it downloaded under its data folder (`<cli-data-dir>/servers/Stable-<commit>/server`,
 * microsoft/vscode cli/src/tunnels/code_server.rs; on Windows through `cmd /d /c ...\bin\code-server.cmd`),
 * and that server's Node.js starts the remote session's shells and tools. SigmaHQ
 * proc_creation_win_vscode_tunnel_renamed_execution (selection_parent_tunnel) and
 * proc_creation_win_vscode_tunnel_remote_shell_ describe both. Remote-SSH keeps its servers under
 * `~/.vscode-server` (and VSCodium's, Cursor's, Windsurf's under their `-server` folders), which is
 * how the fields tell an SSH session from a tunnel one.
 */

/**
 * Activities of a parent that hosts something a client can reach (its children belong to that
 * session); the rules with these activities read ParentCommandLine (rules.ts HOSTING_FIELDS, checked
 * by test/detection/rules.test.ts).
 */
export const HOSTING_ACTIVITIES: ReadonlySet<string> = new Set(['tunnel-host', 'service-run', 'serve-web', 'agent-host']);

/** The words of those rules (screen.ts): a parent command line without one hosts nothing. */
const HOSTING_WORDS = fieldScreen('process', 'ParentCommandLine');

/** Server folders of SSH-based remote development (Remote-SSH and the forks' equivalents). */
const SSH_SERVER_FOLDERS = ['/.vscode-server/', '/.vscode-server-insiders/', '/.vscodium-server/', '/.cursor-server/', '/.windsurf-server/'];

/**
 * The `servers/<Quality>-<commit>` folder of a VS Code server the tunnel CLI runs, when `image` is
 * that server's Node.js (`.../servers/Stable-<commit>/server/node[.exe]`) outside the SSH server
 * folders; undefined otherwise.
 */
export function tunnelServerFolder(image: string): string | undefined {
  if (image === '' || programName(image) !== 'node') return undefined;
  const key = folderKey(image);
  let at = key.indexOf('/servers/stable-');
  if (at < 0) at = key.indexOf('/servers/insider-');
  if (at < 0 || !key.includes('/server/', at + 9) || SSH_SERVER_FOLDERS.some((f) => key.includes(f))) return undefined;
  const end = key.indexOf('/', at + 9);
  return key.slice(at + 1, end);
}

/** The tool of a tunnel CLI data folder (`~/.vscode/cli`, `.vscode-insiders`, `.vscode-oss`, `.cursor`). */
function toolOfFolder(key: string): Tool {
  if (key.includes('/.vscode-insiders/')) return 'vscode-insiders';
  if (key.includes('/.vscode-oss/')) return 'vscodium';
  if (key.includes('/.cursor/')) return 'cursor';
  return 'vscode';
}

/** The parent of an event as an event of its own: ParentImage, ParentCommandLine and the account. */
function parentView(event: EventView): EventView {
  const image = field(event, 'ParentImage') || field(event, 'ParentProcessName');
  const commandLine = field(event, 'ParentCommandLine');
  const user = field(event, 'User');
  const fields: Partial<Record<EventField, readonly string[]>> = { Image: [image], CommandLine: [commandLine], User: user !== '' ? [user] : [] };
  return { values: (name) => fields[name] ?? [] };
}

/** Shell and discovery context of the child itself. */
function childContext(image: string): Match[] {
  const name = programName(image);
  if (nameHasRole(name, 'session-shell')) return [{ id: 'child.shell', value: baseName(image) }];
  if (nameHasRole(name, 'discovery')) return [{ id: 'child.recon', value: baseName(image) }];
  return [];
}

/**
 * Signals of a process whose own command line shows no tunnel but whose parent does:
 * - the parent command line hosts a tunnel (`code tunnel`, `tunnel service internal-run`,
 *   `serve-web`, `agent host`, `devtunnel host`, ...; read by `parentEvidence`, the process analyser
 *   applied to the parent's fields): the child carries all of the parent's signals, marked `parent`,
 *   so it alerts exactly when its parent would (the server launch `cmd /d /c ...code-server.cmd`);
 * - the parent is the Node.js of a VS Code server the tunnel CLI runs (tunnelServerFolder):
 *   `child.tunnel-server`, below the threshold on its own; shells (`child.shell`) and discovery
 *   tools (`child.recon`) add to it, developer tools (git, npm, a compiler) add nothing.
 * Console plumbing (conhost) carries nothing. Undefined when neither.
 *
 * @param parentEvidence the process analyser (processSignals.ts processEvidence), passed in to keep
 *   the import one-way
 */
export function childEvidence(event: EventView, image: string, parentEvidence: (parent: EventView) => Evidence): Evidence | undefined {
  if (nameHasRole(programName(image), 'console-plumbing')) return undefined;
  const parentCommandLine = field(event, 'ParentCommandLine');
  if (parentCommandLine !== '' && HOSTING_WORDS.test(parentCommandLine)) {
    const parent = parentEvidence(parentView(event));
    if (parent.matches.some((m) => HOSTING_ACTIVITIES.has(m.activity ?? signalRule(m.id).activity ?? ''))) {
      return { matches: parent.matches.map((m) => ({ ...m, parent: true })), tool: parent.tool };
    }
  }
  const parentImage = field(event, 'ParentImage');
  const server = tunnelServerFolder(parentImage);
  if (server === undefined) return undefined;
  const matches: Match[] = [{ id: 'child.tunnel-server', value: server }, ...childContext(image)];
  const account = accountMatch(field(event, 'User'));
  if (account) matches.push(account);
  return { matches, tool: toolOfFolder(folderKey(parentImage)) };
}
