/**
 * Identity-plane scoring (issue 14): Entra ID sign-ins to the Dev Tunnels service and GitHub grants
 * of its apps, through the same weights table and combine() as the host signals. Events are the
 * flat fields Splunk extracts from sourcetype azure:monitor:aad / github:cloud:audit.
 */
import { identityKind } from '../../src/detection/identityEvidence';
import { IDENTITY_APPS } from '../../src/detection/identityApps';
import { recordView } from '../../src/events/eventView';
import { executeChunk, getinfoChunk, replyTable, runInProcess } from '../helpers/protocolRun';
import { verdict } from '../helpers/verdict';

const TUNNEL = '46da2f7e-b5ef-422a-88d4-2a7f9de6a0b2';
const VSCODE = 'aebc6443-996d-45c2-90f0-388ff96faa56';

function signIn(extra: Record<string, string> = {}): Record<string, string> {
  return {
    sourcetype: 'azure:monitor:aad',
    category: 'SignInLogs',
    'properties.userPrincipalName': 'alice@corp.example.com',
    'properties.appId': VSCODE,
    'properties.appDisplayName': 'Visual Studio Code',
    'properties.resourceId': TUNNEL,
    'properties.resourceDisplayName': 'Visual Studio Tunnel Service',
    'properties.authenticationProtocol': 'deviceCode',
    'properties.isInteractive': 'true',
    'properties.status.errorCode': '0',
    ...extra,
  };
}

const github = (extra: Record<string, string>): Record<string, string> => ({ sourcetype: 'github:cloud:audit', action: 'oauth_authorization.create', actor: 'alice-ex', ...extra });
const ids = (fields: Record<string, string>): string[] => verdict(fields).reasons;

describe('identity events: what they are', () => {
  it('is a sign-in by sourcetype and category, a GitHub entry by sourcetype, else by the CIM authentication tag', () => {
    expect(identityKind(recordView(signIn()))).toBe('sign-in');
    expect(identityKind(recordView(signIn({ category: 'NonInteractiveUserSignInLogs' })))).toBe('sign-in');
    expect(identityKind(recordView(signIn({ category: 'AuditLogs' })))).toBe('');
    expect(identityKind(recordView(github({})))).toBe('github');
    const cim = signIn({ sourcetype: 'ms:aad:signin', tag: 'authentication' });
    expect(identityKind(recordView(cim))).toBe('sign-in');
    expect(identityKind(recordView({ ...cim, tag: 'network' }))).toBe('');
  });

  it('decides before any EventCode: a signature_id on a CIM-mapped sign-in does not make it a Windows event', () => {
    expect(verdict(signIn({ signature_id: '1' })).score).toBe(65);
    expect(verdict(signIn({ EventCode: '4624' })).score).toBe(65);
  });
});

describe('Entra ID sign-ins', () => {
  it('scores a device-code sign-in of the VS Code client to the tunnel service over the threshold', () => {
    const v = verdict(signIn());
    expect(v.score).toBe(65);
    expect(v.activity).toBe('login');
    expect(v.techniques).toEqual(['T1219.001']);
    expect(v.reasons[0]).toMatch(/^sign-in to the Dev Tunnels service \(`Visual Studio Tunnel Service`\) \(\+35\)$/);
    expect(v.reasons[1]).toMatch(/by device code/);
  });

  it('knows the tunnel service by id or by display name, in any case', () => {
    expect(verdict(signIn({ 'properties.resourceDisplayName': '' })).score).toBe(65);
    expect(verdict(signIn({ 'properties.resourceId': '', 'properties.resourceDisplayName': 'visual studio tunnel service' })).score).toBe(65);
  });

  it('leaves ordinary VS Code sign-ins (other resources) at 0 with no reasons, device code or not', () => {
    for (const resource of [{ id: '00000003-0000-0000-c000-000000000000', name: 'Microsoft Graph' }, { id: '797f4846-ba00-4fd7-ba43-dac1f8f63013', name: 'Windows Azure Service Management API' }]) {
      const v = verdict(signIn({ 'properties.resourceId': resource.id, 'properties.resourceDisplayName': resource.name }));
      expect({ score: v.score, reasons: v.reasons }).toEqual({ score: 0, reasons: [] });
    }
  });

  it('raises a client other than VS Code and caps the desktop\'s own browser sign-in below low', () => {
    expect(verdict(signIn({ 'properties.appId': '04b07795-8ddb-461a-bbee-02f9e1bf7b46', 'properties.appDisplayName': 'Microsoft Azure CLI', 'properties.authenticationProtocol': 'none' })).score).toBe(55);
    const desktop = verdict(signIn({ 'properties.authenticationProtocol': 'none' }));
    expect(desktop.score).toBe(20);
    expect(desktop.reasons.at(-1)).toBe('score capped at 20 (identity.desktop-sign-in)');
  });

  it('keeps token refreshes below the threshold, device-code origin or not', () => {
    const refresh = signIn({ category: 'NonInteractiveUserSignInLogs', 'properties.isInteractive': 'false', 'properties.authenticationProtocol': 'none' });
    expect(verdict(refresh)).toMatchObject({ score: 25, activity: 'token-refresh' });
    expect(verdict({ ...refresh, 'properties.originalTransferMethod': 'deviceCodeFlow' }).score).toBe(45);
  });

  it('makes a failed sign-in a reason, never an alert (errorCode, or resultType when properties lack it)', () => {
    const failed = verdict(signIn({ 'properties.status.errorCode': '50126' }));
    expect(failed.score).toBe(40);
    expect(failed.reasons).toContain('the sign-in failed (error 50126): a reason, not an alert (-10)');
    expect(verdict({ ...signIn(), 'properties.status.errorCode': '', resultType: '50074' }).score).toBe(40);
  });
});

describe('GitHub grants', () => {
  const tunnelApp = IDENTITY_APPS.find((a) => a.id === 'github.tunnel-service');

  it('alerts on an authorisation of the tunnel service GitHub App, by client id or name', () => {
    expect(verdict(github({ oauth_application_id: tunnelApp?.clientId ?? '' })).score).toBe(55);
    expect(verdict(github({ oauth_application_name: 'Visual Studio Tunnel Service' })).score).toBe(55);
  });

  it('keeps "GitHub for VS Code" (the CLI shares it with the desktop) low, and other apps and actions at 0', () => {
    expect(verdict(github({ oauth_application_id: '01ab8ac9400c4e429b23' })).score).toBe(25);
    expect(verdict(github({ oauth_application_name: 'GitHub CLI' })).score).toBe(0);
    expect(verdict(github({ action: 'oauth_authorization.destroy', oauth_application_name: 'Visual Studio Tunnel Service' })).score).toBe(0);
    expect(ids(github({ action: 'org_credential_authorization.grant' }))).toEqual([]);
  });
});

describe('identity rows through the chunked protocol', () => {
  it('scores a sign-in in a chunk that also has an EventCode column (read in full, not by the record index shortcut)', async () => {
    const header = ['sourcetype', 'category', 'EventCode', 'properties.appId', 'properties.resourceId', 'properties.authenticationProtocol', 'properties.isInteractive', '_chunked_idx'];
    const rows = [
      ['azure:monitor:aad', 'SignInLogs', '1', VSCODE, TUNNEL, 'deviceCode', 'true', '0'],
      ['XmlWinEventLog', '', '1', '', '', '', '', '1'],
    ];
    const body = [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
    const out = await runInProcess([getinfoChunk([]), executeChunk(body, true)]);
    const table = replyTable(out.replies[1]);
    const score = table.header.indexOf('ide_tunnel_score');
    expect(table.rows.map((r) => r[score])).toEqual(['65', '0']);
  });
});
