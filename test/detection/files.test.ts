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

  test('remote-edit history under .vscode-server by the server node stays informational', () => {
    const v = file('C:\\Users\\a\\.vscode-server\\data\\User\\History\\-1a2b\\entries.json', 'C:\\Users\\a\\.vscode\\cli\\servers\\Stable-abc\\server\\node.exe');
    expect(v.score).toBeGreaterThan(0);
    expect(v.score).toBeLessThan(25);
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
