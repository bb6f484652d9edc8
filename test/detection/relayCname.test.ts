/**
 * Sysmon EID 22 QueryResults: the CNAME chain names the Dev Tunnels relay even when QueryName does
 * not (issue 13). Values shaped as Sysmon renders them: `type:  5 <name>;` records, then addresses.
 */
import { relayCname } from '../../src/detection/networkSignals';
import { verdict } from '../helpers/verdict';

const CHAIN = 'type:  5 usw2-data.rel.tunnels.api.visualstudio.com;type:  5 tunnels-prod-rel-tm.trafficmanager.net;type:  5 x.westus2.cloudapp.azure.com;::ffff:20.42.17.96;';

describe('QueryResults CNAME chains', () => {
  test('relayCname finds the relay among CNAME records, in any case, and ignores addresses and other names', () => {
    expect(relayCname(CHAIN)).toBe('usw2-data.rel.tunnels.api.visualstudio.com');
    expect(relayCname('type:  5 ABC-443.EUW.DEVTUNNELS.MS;::ffff:1.2.3.4;')).toBe('abc-443.euw.devtunnels.ms');
    expect(relayCname('type:  5 tunnels.example.com;::ffff:1.2.3.4;')).toBeUndefined();
    expect(relayCname('::ffff:20.42.17.96;')).toBeUndefined();
    expect(relayCname('')).toBeUndefined();
  });

  test('a vanity name resolving to the relay scores like the relay name, plus the indirection', () => {
    const asker = { EventCode: '22', Image: 'C:\\Windows\\System32\\rundll32.exe', QueryName: 'sync.example.org', QueryResults: CHAIN };
    const v = verdict(asker);
    expect(v.activity).toBe('dns');
    expect(v.score).toBeGreaterThanOrEqual(50);
    expect(v.reasons.join(' ')).toMatch(/CNAME chain/);
  });

  test('browsers and Visual Studio (ServiceHub) asking through the chain stay below the threshold', () => {
    expect(verdict({ EventCode: '22', Image: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', QueryName: 'x-3000.app.github.dev', QueryResults: CHAIN }).score).toBeLessThan(50);
    const vs = 'C:\\Program Files\\Microsoft Visual Studio\\2022\\Professional\\Common7\\ServiceHub\\Hosts\\ServiceHub.Host.dotnet.x64\\ServiceHub.Host.dotnet.x64.exe';
    expect(verdict({ EventCode: '22', Image: vs, QueryName: 'usw2.rel.tunnels.api.visualstudio.com', QueryResults: CHAIN }).score).toBeLessThan(50);
  });

  test('the CIM Network_Resolution answer field is read too', () => {
    expect(verdict({ query: 'sync.example.org', answer: CHAIN, process_path: 'C:\\Users\\Public\\x.exe' }).activity).toBe('dns');
  });
});
