/**
 * CIM Web (proxy) events to the Dev Tunnels service (issue 13; webSignals.ts). URLs modelled on
 * the management API calls of microsoft/vscode cli/src/tunnels/dev_tunnels.rs (tokenScopes host
 * for a tunnel host, connect for a client) and the CIM Web field names.
 */
import { tokenScopes, urlHost } from '../../src/detection/webSignals';
import { verdict } from '../helpers/verdict';

const API = 'https://global.rel.tunnels.api.visualstudio.com/tunnels/t1.usw2';

describe('CIM Web', () => {
  test('urlHost reads URLs and CONNECT targets; tokenScopes decodes and splits the parameter', () => {
    expect(urlHost(`${API}?x=1`)).toBe('global.rel.tunnels.api.visualstudio.com');
    expect(urlHost('global.rel.tunnels.api.visualstudio.com:443')).toBe('global.rel.tunnels.api.visualstudio.com');
    expect(urlHost('https://user@K3-5173.EUW.devtunnels.ms:443/x')).toBe('k3-5173.euw.devtunnels.ms');
    expect(tokenScopes(`${API}?includePorts=true&tokenScopes=host`)).toEqual(['host']);
    expect(tokenScopes(`${API}?TokenScopes=manage%3Aports%2Chost`)).toEqual(['manage:ports', 'host']);
    expect(tokenScopes(`${API}?tokenScopes=%E0%A4%A`)).toEqual(['%e0%a4%a']);
    expect(tokenScopes(API)).toEqual([]);
  });

  test('tokenScopes=host (TLS inspection) alerts as a tunnel host; the CLI user agent adds; Web.* names are read', () => {
    const v = verdict({ url: `${API}?tokenScopes=host`, http_user_agent: 'vscode-server-launcher/1.96.2', src: '10.0.0.5', dest: 'global.rel.tunnels.api.visualstudio.com' });
    expect(v.activity).toBe('tunnel-host');
    expect(v.tool).toBe('vscode');
    expect(v.score).toBeGreaterThanOrEqual(50);
    expect(verdict({ 'Web.url': `${API}?tokenScopes=host`, 'Web.src': '10.0.0.5' }).activity).toBe('tunnel-host');
  });

  test('host name and port only, a client scope, a browser, Visual Studio, or another domain stay below the threshold', () => {
    expect(verdict({ url: 'global.rel.tunnels.api.visualstudio.com:443', http_method: 'CONNECT' }).score).toBeLessThan(50);
    expect(verdict({ url: 'global.rel.tunnels.api.visualstudio.com:443', http_method: 'CONNECT' }).activity).toBe('network');
    expect(verdict({ url: `${API}?tokenScopes=connect`, http_user_agent: 'vscode-server-launcher/1.96.2' }).score).toBeLessThan(50);
    expect(verdict({ url: 'https://k3-5173.euw.devtunnels.ms/', http_user_agent: 'Mozilla/5.0 Chrome/131' }).score).toBeLessThan(50);
    expect(verdict({ url: `${API}?tokenScopes=host`, http_user_agent: 'Microsoft.DevTunnels/1.1 ServiceHub.Host.dotnet.x64/17.12 VisualStudio/17.12' }).score).toBeLessThan(50);
    expect(verdict({ url: 'https://api.githubcopilot.com/chat/completions' }).score).toBe(0);
    expect(verdict({ url: 'https://tunnels.example.com/?tokenScopes=host' }).score).toBe(0);
  });
});
