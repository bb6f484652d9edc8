import { relayDomain } from '../../src/detection/networkSignals';
import { verdict } from '../helpers/verdict';

describe('Dev Tunnels relay names', () => {
  test.each([
    ['global.rel.tunnels.api.visualstudio.com', 'tunnels.api.visualstudio.com'],
    ['usw2-data.rel.tunnels.api.visualstudio.com', 'tunnels.api.visualstudio.com'],
    ['tunnels.api.visualstudio.com.', 'tunnels.api.visualstudio.com'],
    ['abc123-8080.euw.devtunnels.ms', 'devtunnels.ms'],
    ['GLOBAL.REL.TUNNELS.API.VISUALSTUDIO.COM', 'tunnels.api.visualstudio.com'],
  ])('%s is a relay name', (name, domain) => {
    expect(relayDomain(name)).toBe(domain);
  });

  test.each(['visualstudio.com', 'marketplace.visualstudio.com', 'update.code.visualstudio.com', 'devtunnels.ms.evil.com', 'notdevtunnels.ms', 'tunnels.api.visualstudio.com.example.org'])(
    '%s is not',
    (name) => {
      expect(relayDomain(name)).toBeUndefined();
    },
  );
});

describe('DNS (Sysmon 22) and network (Sysmon 3), weighted by the asking process', () => {
  const dns = (Image: string, QueryName = 'global.rel.tunnels.api.visualstudio.com') => verdict({ EventCode: '22', QueryName, Image });

  test('the CLI in its install folder is informational; a script host or a temp-folder binary alerts', () => {
    const cli = dns('C:\\Program Files\\Microsoft VS Code\\bin\\code-tunnel.exe');
    expect(cli.activity).toBe('dns');
    expect(cli.score).toBeLessThan(25);
    expect(dns('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe').score).toBeGreaterThanOrEqual(50);
    expect(dns('C:\\Users\\a\\AppData\\Local\\Temp\\x\\code-tunnel.exe').score).toBeGreaterThan(cli.score);
    expect(dns('C:\\Windows\\System32\\rundll32.exe').score).toBeGreaterThanOrEqual(50);
    expect(dns('C:\\Users\\Public\\svc.exe').score).toBeGreaterThan(cli.score);
  });

  test('a portable CLI in a user-writable folder alerts; the winget-installed devtunnel and a CLI in a tools folder do not', () => {
    expect(dns('C:\\Users\\a\\Downloads\\code.exe').score).toBeGreaterThanOrEqual(50);
    expect(dns('C:\\Users\\a\\AppData\\Local\\Microsoft\\WinGet\\Links\\devtunnel.exe', 'x-3000.euw.devtunnels.ms').score).toBeLessThan(25);
    expect(dns('C:\\Tools\\code.exe').score).toBeLessThan(50);
  });

  test('a SYSTEM asker raises the score', () => {
    const plain = verdict({ EventCode: '22', QueryName: 'global.rel.tunnels.api.visualstudio.com', Image: 'C:\\Tools\\code.exe' }).score;
    const system = verdict({ EventCode: '22', QueryName: 'global.rel.tunnels.api.visualstudio.com', Image: 'C:\\Tools\\code.exe', User: 'NT AUTHORITY\\SYSTEM' }).score;
    expect(system).toBeGreaterThan(plain);
  });

  test('a browser visiting a devtunnels.ms URL stays informational, tool devtunnel', () => {
    const v = dns('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'x1y2-3000.usw2.devtunnels.ms');
    expect(v.score).toBeLessThan(25);
    expect(v.tool).toBe('devtunnel');
  });

  test('EID 3 DestinationHostname is the network activity', () => {
    const v = verdict({ EventCode: '3', DestinationHostname: 'global.rel.tunnels.api.visualstudio.com', DestinationIp: '20.1.2.3', Image: 'C:\\Windows\\System32\\svchost.exe' });
    expect(v.activity).toBe('network');
    expect(v.score).toBeGreaterThanOrEqual(50);
  });

  test('other names score 0; CIM query (no EventCode) is read as DNS', () => {
    expect(dns('C:\\x\\powershell.exe', 'github.com').score).toBe(0);
    expect(verdict({ query: 'global.rel.tunnels.api.visualstudio.com', Image: 'C:\\Windows\\System32\\cscript.exe' }).activity).toBe('dns');
  });
});
