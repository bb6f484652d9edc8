/**
 * Children of a tunnel host and of the VS Code server it runs (issue 13; childSignals.ts).
 * Synthetic events modelled on microsoft/vscode cli/src/tunnels/code_server.rs (the server under
 * <cli-data-dir>/servers/Stable-<commit>/server, started through cmd /d /c code-server.cmd) and
 * SigmaHQ proc_creation_win_vscode_tunnel_renamed_execution / _remote_shell_.
 */
import { tunnelServerFolder } from '../../src/detection/childSignals';
import { kindScreen, QUIET_SCREEN } from '../../src/detection/screen';
import { recordView } from '../../src/events/eventView';
import { proc, verdict } from '../helpers/verdict';

const C = '0123456789abcdef0123456789abcdef01234567';
const TUNNEL_SERVER = `C:\\Users\\t\\.vscode\\cli\\servers\\Stable-${C}\\server`;
const SSH_SERVER = `C:\\Users\\t\\.vscode-server\\cli\\servers\\Stable-${C}\\server`;
const HOST = 'C:\\Users\\Public\\svc.exe';
const HOST_CMD = `"${HOST}" tunnel --accept-server-license-terms --name lib7`;
const LAUNCH = `C:\\Windows\\system32\\cmd.exe /d /c "${TUNNEL_SERVER}\\bin\\code-server.cmd" --start-server --accept-server-license-terms`;

describe('children of a tunnel host', () => {
  test('the server launch carries its parent\'s evidence and score, its reasons marked as the parent\'s', () => {
    const parent = verdict(proc(HOST, HOST_CMD));
    const child = verdict(proc('C:\\Windows\\System32\\cmd.exe', LAUNCH, { ParentImage: HOST, ParentCommandLine: HOST_CMD }));
    expect(parent.score).toBeGreaterThanOrEqual(50);
    expect(child.score).toBe(parent.score);
    expect(child.activity).toBe(parent.activity);
    expect(child.reasons.every((r) => r.startsWith('parent process: ') || r.startsWith('score capped'))).toBe(true);
  });

  test('a child of housekeeping, of a refused launch or of a loopback serve-web carries nothing that alerts', () => {
    for (const parentCmd of ['code-tunnel.exe tunnel status', 'code.exe TUNNEL --name x', 'code.exe serve-web --without-connection-token']) {
      const v = verdict(proc('C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c echo', { ParentImage: 'C:\\t\\code.exe', ParentCommandLine: parentCmd }));
      expect({ parentCmd, alert: v.score >= 50 }).toEqual({ parentCmd, alert: false });
    }
  });

  test('conhost attached to a tunnel host carries nothing', () => {
    expect(verdict(proc('C:\\Windows\\System32\\conhost.exe', 'conhost.exe 0xffffffff -ForceV1', { ParentImage: HOST, ParentCommandLine: HOST_CMD })).score).toBe(0);
  });
});

describe('children of a tunnel\'s VS Code server', () => {
  const child = (image: string, cmd: string, server = TUNNEL_SERVER) =>
    verdict(proc(image, cmd, { ParentImage: `${server}\\node.exe`, ParentCommandLine: `"${server}\\node.exe" "${server}\\out\\bootstrap-fork" --type=ptyHost` }));

  test('shells and discovery tools alert; developer tools stay below the threshold with the session as context', () => {
    expect(child('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -noexit').score).toBeGreaterThanOrEqual(50);
    expect(child('C:\\Windows\\System32\\whoami.exe', 'whoami /all').score).toBeGreaterThanOrEqual(50);
    const git = child('C:\\Program Files\\Git\\cmd\\git.exe', 'git status');
    expect(git.activity).toBe('tunnel-session');
    expect(git.score).toBeGreaterThan(0);
    expect(git.score).toBeLessThan(50);
  });

  test('Remote-SSH servers (~/.vscode-server) stay quiet', () => {
    expect(child('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -noexit', SSH_SERVER).score).toBe(0);
  });

  test('tunnelServerFolder: the CLI\'s servers folder (default or --cli-data-dir, Linux or Windows), never an SSH server folder', () => {
    expect(tunnelServerFolder(`${TUNNEL_SERVER}\\node.exe`)).toBe(`servers/stable-${C}`);
    expect(tunnelServerFolder(`C:\\ProgramData\\x\\data\\servers\\Insider-${C}\\server\\node.exe`)).toBe(`servers/insider-${C}`);
    expect(tunnelServerFolder(`/home/u/.vscode/cli/servers/Stable-${C}/server/node`)).toBe(`servers/stable-${C}`);
    expect(tunnelServerFolder(`${SSH_SERVER}\\node.exe`)).toBeUndefined();
    expect(tunnelServerFolder(`/home/u/.vscode-server/cli/servers/Stable-${C}/server/node`)).toBeUndefined();
    expect(tunnelServerFolder(`${TUNNEL_SERVER}\\bin\\code-server.cmd`)).toBeUndefined();
    expect(tunnelServerFolder('C:\\servers\\Stable-build\\node.exe')).toBeUndefined();
  });
});

describe('the process screens let such children through', () => {
  test('a quiet child (no key word of its own) passes the screens when its parent could make it a tunnel child', () => {
    const shell = recordView(proc('C:\\Windows\\System32\\cmd.exe', 'cmd.exe', { ParentImage: `${TUNNEL_SERVER}\\node.exe` }));
    expect(QUIET_SCREEN.passes(shell)).toBe(true);
    expect(kindScreen('process').passes(shell)).toBe(true);
    const launch = recordView(proc('C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c x', { ParentCommandLine: HOST_CMD }));
    expect(kindScreen('process').passes(launch)).toBe(true);
    const ordinary = recordView(proc('C:\\Windows\\System32\\cmd.exe', 'cmd.exe', { ParentImage: 'C:\\Windows\\explorer.exe', ParentCommandLine: 'explorer.exe' }));
    expect(QUIET_SCREEN.passes(ordinary)).toBe(false);
  });

  test('each parent field is screened for its own words: PowerShell as the parent lets nothing through', () => {
    const child = recordView(proc('C:\\Windows\\System32\\whoami.exe', 'whoami.exe', { ParentImage: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', ParentCommandLine: 'powershell.exe -NoProfile' }));
    expect(QUIET_SCREEN.passes(child)).toBe(false);
  });
});
