import { verdict } from '../helpers/verdict';

const file = (TargetFilename: string, Image: string) => verdict({ EventCode: '11', TargetFilename, Image });
const TUNNEL = 'C:\\Users\\a\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code-tunnel.exe';

describe('file artefacts (Sysmon 11)', () => {
  test('code_tunnel.json by the CLI is low; by another program it alerts', () => {
    const byCli = file('C:\\Users\\a\\.vscode\\cli\\code_tunnel.json', TUNNEL);
    expect(byCli.activity).toBe('file-artefact');
    expect(byCli.tool).toBe('vscode');
    expect(byCli.score).toBeLessThan(50);
    expect(file('C:\\Users\\a\\.vscode\\cli\\code_tunnel.json', 'C:\\Users\\Public\\svchost.exe').score).toBeGreaterThanOrEqual(50);
  });

  test('tunnel-service.log is an artefact', () => {
    expect(file('C:\\Users\\a\\.vscode\\cli\\tunnel-service.log', TUNNEL).score).toBeGreaterThan(0);
  });

  test('remote-edit history written by a Remote-SSH server (under .vscode-server) stays informational', () => {
    for (const node of ['/home/u/.vscode-server/bin/abc/node', '/home/u/.vscode-server/cli/servers/Stable-abc/server/node']) {
      const v = file('/home/u/.vscode-server/data/User/History/-1a2b/entries.json', node);
      expect(v.score).toBeGreaterThan(0);
      expect(v.score).toBeLessThan(25);
    }
  });

  test('remote-edit history written by a server the tunnel CLI started (~/.vscode/cli/servers) is a tunnel session; as SYSTEM it alerts', () => {
    const node = 'C:\\Users\\a\\.vscode\\cli\\servers\\Stable-abc\\server\\node.exe';
    const target = 'C:\\Users\\a\\.vscode-server\\data\\User\\History\\-1a2b\\entries.json';
    const user = verdict({ EventCode: '11', TargetFilename: target, Image: node, User: 'CORP\\a' });
    const system = verdict({ EventCode: '11', TargetFilename: target, Image: node, User: 'NT AUTHORITY\\SYSTEM' });
    expect(user.score).toBeGreaterThanOrEqual(25);
    expect(user.score).toBeLessThan(50);
    expect(system.score).toBeGreaterThanOrEqual(50);
  });

  test('a portable tunnel CLI in a user-writable folder writing code_tunnel.json alerts; in a tools folder it does not', () => {
    expect(file('C:\\ProgramData\\x\\.vscode\\cli\\code_tunnel.json', 'C:\\ProgramData\\x\\code.exe').score).toBeGreaterThanOrEqual(50);
    expect(file('C:\\Users\\a\\.vscode\\cli\\code_tunnel.json', 'C:\\Tools\\code.exe').score).toBeLessThan(50);
  });

  test("devtunnel's self-extraction folder, higher when the writer is in a temp folder", () => {
    const normal = file('C:\\Users\\a\\AppData\\Local\\Temp\\.net\\devtunnel\\Xy12\\devtunnel.dll', 'C:\\Tools\\devtunnel.exe');
    const temp = file('C:\\Users\\a\\AppData\\Local\\Temp\\.net\\devtunnel\\Xy12\\devtunnel.dll', 'C:\\Users\\a\\AppData\\Local\\Temp\\t.exe');
    expect(normal.tool).toBe('devtunnel');
    expect(temp.score).toBeGreaterThan(normal.score);
  });

  test('extensions, settings and unrelated files score 0', () => {
    expect(file('C:\\Users\\a\\.vscode\\extensions\\ms-python.python\\package.json', 'C:\\x\\Code.exe').score).toBe(0);
    expect(file('C:\\Users\\a\\AppData\\Roaming\\Code\\User\\settings.json', 'C:\\x\\Code.exe').score).toBe(0);
    expect(file('C:\\src\\tunnel\\code_tunnel.md', 'C:\\x\\Code.exe').score).toBe(0);
  });
});
