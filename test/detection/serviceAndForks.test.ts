/**
 * Tunnel-service persistence off Windows and the forks / entry points of issue 13, on synthetic
 * events modelled on microsoft/vscode cli/src/tunnels/service_linux.rs (unit written in the CLI
 * data folder), service_macos.rs (~/com.visualstudio.<app>.tunnel.plist, launchctl), agent_host
 * (`code agent host`, agent-host/local-endpoint/entries), and VSCodium's build scripts
 * (codium, codium-tunnel).
 */
import { proc, verdict } from '../helpers/verdict';

const linuxFile = (Image: string, TargetFilename: string) => ({ EventCode: '11', Image, TargetFilename, source: 'Syslog:Linux-Sysmon/Operational' });

describe('systemd and launchd tunnel services', () => {
  test('the unit the CLI writes into its data folder alerts, with T1543.002 and the tool of its name', () => {
    for (const [path, tool] of [
      ['/home/dev/.vscode/cli/code-tunnel.service', 'vscode'],
      ['/home/dev/.vscode-insiders/cli/code-insiders-tunnel.service', 'vscode-insiders'],
      ['/home/dev/.vscode-oss/cli/codium-tunnel.service', 'vscodium'],
    ]) {
      const v = verdict(linuxFile('/usr/share/code/bin/code-tunnel', path));
      expect({ path, alert: v.score >= 50, activity: v.activity, tool: v.tool }).toEqual({ path, alert: true, activity: 'persistence', tool });
      expect(v.techniques).toContain('T1543.002');
    }
  });

  test('other units and files named like a service but not the tunnel one stay quiet', () => {
    expect(verdict(linuxFile('/usr/bin/systemctl', '/home/dev/.config/systemd/user/syncthing.service')).score).toBe(0);
    expect(verdict(linuxFile('/usr/bin/vim', '/home/dev/notes/tunnel.service.md')).score).toBe(0);
  });

  test('macOS: the plist from CIM file_path and `launchctl load|start` from CIM process alert with T1543.001', () => {
    const file = verdict({ file_path: '/Users/ana/com.visualstudio.code.tunnel.plist', process_path: '/Users/ana/Downloads/code' });
    expect(file.score).toBeGreaterThanOrEqual(50);
    expect(file.techniques).toContain('T1543.001');
    for (const process of ['launchctl load /Users/ana/com.visualstudio.code.tunnel.plist', 'launchctl start com.visualstudio.code.tunnel', 'launchctl kickstart gui/501/com.visualstudio.code.tunnel']) {
      expect(verdict({ process, process_path: '/bin/launchctl' }).activity).toBe('persistence');
    }
  });

  test('macOS: unloading, stopping or listing the job, and other plists, do not score', () => {
    expect(verdict({ process: 'launchctl unload /Users/ana/com.visualstudio.code.tunnel.plist', process_path: '/bin/launchctl' }).score).toBe(0);
    expect(verdict({ process: 'launchctl stop com.visualstudio.code.tunnel', process_path: '/bin/launchctl' }).score).toBe(0);
    expect(verdict({ file_path: '/Users/ana/Library/Preferences/com.microsoft.VSCode.plist', process_path: '/Applications/Visual Studio Code.app/Contents/MacOS/Electron' }).score).toBe(0);
  });
});

describe('VSCodium and the agent host', () => {
  test('codium-tunnel and the VSCodium.exe cli.js hop are VSCodium, not a renamed VS Code', () => {
    const dir = 'C:\\Users\\g\\AppData\\Local\\Programs\\VSCodium';
    const cli = verdict(proc(`${dir}\\bin\\codium-tunnel.exe`, `"${dir}\\bin\\codium-tunnel.exe" tunnel --accept-server-license-terms`));
    expect(cli.tool).toBe('vscodium');
    expect(cli.reasons.join(' ')).not.toMatch(/renamed/);
    const hop = verdict(proc(`${dir}\\VSCodium.exe`, `"${dir}\\VSCodium.exe" "${dir}\\resources\\app\\out\\cli.js" tunnel`));
    expect(hop.tool).toBe('vscodium');
    expect(hop.activity).toBe('tunnel-host');
  });

  test('the Run value `VSCodium Tunnel` is the fork\'s tunnel service entry', () => {
    const v = verdict({ EventCode: '13', Image: 'C:\\x\\codium-tunnel.exe', TargetObject: 'HKU\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\VSCodium Tunnel', Details: '-' });
    expect(v.activity).toBe('persistence');
  });

  test('an agent host registry entry written by a portable CLI alerts; the desktop\'s own entry does not', () => {
    const entry = 'C:\\Users\\j\\AppData\\Roaming\\Code\\agent-host\\local-endpoint\\entries\\' + 'a'.repeat(64) + '.json';
    expect(verdict({ EventCode: '11', Image: 'C:\\Users\\j\\AppData\\Local\\Temp\\code.exe', TargetFilename: entry }).score).toBeGreaterThanOrEqual(50);
    expect(verdict({ EventCode: '11', Image: 'C:\\Users\\j\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', TargetFilename: entry }).score).toBeLessThan(50);
  });
});
