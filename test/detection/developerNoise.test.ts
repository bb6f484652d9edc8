import { proc, verdict } from '../helpers/verdict';

// Synthetic, modelled on the VS Code process model (Electron main, gpu, network, renderer and
// utility processes; VS Code "Process Explorer"), VS Code Remote-SSH server start-up
// (code.visualstudio.com/docs/remote/ssh, `.vscode-server` layout), the Windows updater, and
// JetBrains IDE / Gateway helper processes. Every case here must stay below `low` (25).
const INSTALL = 'C:\\Users\\dev\\AppData\\Local\\Programs\\Microsoft VS Code';
const CODE = `${INSTALL}\\Code.exe`;

const CASES: [string, Record<string, string>][] = [
  ['desktop main', proc(CODE, `"${CODE}"`)],
  ['gpu process', proc(CODE, `"${CODE}" --type=gpu-process --user-data-dir="C:\\Users\\dev\\AppData\\Roaming\\Code" --gpu-preferences=UAAAAAAAAADgAAA --field-trial-handle=1`)],
  ['extension host', proc(CODE, `"${CODE}" --type=utility --utility-sub-type=node.mojom.NodeService --lang=en-US --service-sandbox-type=none --inspect-port=0`)],
  ['renderer', proc(CODE, `"${CODE}" --type=renderer --user-data-dir="C:\\Users\\dev\\AppData\\Roaming\\Code" --vscode-window-config=vscode:1a2b --lang=en-US`)],
  ['CLI hop --status', proc(CODE, `"${CODE}" "${INSTALL}\\resources\\app\\out\\cli.js" --ms-enable-electron-run-as-node --status`)],
  ['CLI hop list extensions', proc(CODE, `"${CODE}" "${INSTALL}\\resources\\app\\out\\cli.js" --list-extensions --show-versions`)],
  ['open a folder named tunnel', proc(CODE, `"${CODE}" C:\\work\\tunnel`)],
  ['open a remote tunnel as a client', proc(CODE, `"${CODE}" --remote tunnel+my-box /home/u/project`)],
  ['ripgrep searching for "tunnel"', proc(`${INSTALL}\\resources\\app\\node_modules\\@vscode\\ripgrep\\bin\\rg.exe`, 'rg.exe --json --regexp tunnel --no-config -- C:\\work')],
  ['updater', proc('C:\\Users\\dev\\AppData\\Local\\Temp\\vscode-stable-user-x64\\CodeSetup-stable-abc.exe', 'CodeSetup-stable-abc.exe /verysilent /update="C:\\Users\\dev\\AppData\\Local\\Temp\\vscode-stable-user-x64\\CodeSetup-stable-abc.flag" /nocloseapplications /mergetasks=runcode,!desktopicon')],
  ['desktop tunnel status poll', proc(`${INSTALL}\\bin\\code-tunnel.exe`, `"${INSTALL}\\bin\\code-tunnel.exe" tunnel status`, { ParentImage: CODE, ParentCommandLine: `"${CODE}"` })],
  ['Remote-SSH server start on Linux', proc('/home/u/.vscode-server/cli/servers/Stable-abc/server/bin/code-server', '/home/u/.vscode-server/cli/servers/Stable-abc/server/bin/code-server --connection-token=x --accept-server-license-terms --start-server --enable-remote-auto-shutdown --socket-path=/tmp/code-1')],
  ['Remote-SSH exec server', proc('/home/u/.vscode-server/code-abc', '/home/u/.vscode-server/code-abc command-shell --cli-data-dir /home/u/.vscode-server/cli --parent-process-id 1234 --on-host=127.0.0.1 --on-port')],
  ['Linux desktop zygote', proc('/usr/share/code/code', '/usr/share/code/code --type=zygote --no-sandbox')],
  ['JetBrains client', proc('C:\\Users\\dev\\AppData\\Local\\JetBrains\\Toolbox\\apps\\Gateway\\jbr\\bin\\jetbrains_client64.exe', 'jetbrains_client64.exe thinClient tcp://127.0.0.1:5990')],
  ['IntelliJ opening a project called code-tunnel', proc('C:\\Program Files\\JetBrains\\IntelliJ IDEA 2024.1\\bin\\idea64.exe', 'idea64.exe C:\\src\\code-tunnel-research')],
  ['coder code-server (another product)', proc('/usr/bin/code-server', 'code-server --bind-addr 0.0.0.0:8080 --auth none')],
  ['git fetch over a GitHub URL mentioning tunnel', proc('C:\\Program Files\\Git\\cmd\\git.exe', 'git.exe fetch https://github.com/acme/vscode-tunnel-tools.git')],
];

describe('developer workstation processes stay below low', () => {
  test.each(CASES)('%s', (_name, event) => {
    expect(verdict(event).score).toBeLessThan(25);
  });
});

describe('ide_tunnel_tool on processes without tunnel evidence', () => {
  test('the desktop editor and JetBrains IDEs report their tool with score 0 and no technique', () => {
    const code = verdict(proc(CODE, `"${CODE}" --type=renderer`));
    expect(code).toMatchObject({ score: 0, tool: 'vscode', activity: '', techniques: [] });
    expect(verdict(proc('C:\\x\\Cursor.exe', 'Cursor.exe --type=gpu-process')).tool).toBe('cursor');
    expect(verdict(proc('C:\\x\\Code - Insiders.exe', '"C:\\x\\Code - Insiders.exe"')).tool).toBe('vscode-insiders');
    expect(verdict(proc('C:\\Program Files\\JetBrains\\PyCharm\\bin\\pycharm64.exe', 'pycharm64.exe')).tool).toBe('jetbrains');
    expect(verdict(proc('C:\\Windows\\notepad.exe', 'notepad.exe')).tool).toBe('');
  });
});
