/**
 * Identity-plane corpus cases (issue 14): Entra ID sign-ins to the Dev Tunnels service and GitHub
 * authorisations of the tunnel service's apps, and the developer sign-ins that look like them.
 * Positives must alert at the default threshold on their own; noise must not. Written from the
 * documented schemas and the public constants (./sources.mjs), before the identity rules.
 *
 * What alerts (labelling policy, test/corpus/README.md "Identity plane"):
 * - a sign-in whose resource is the tunnel service by device code (the CLI's only Microsoft flow:
 *   `code tunnel user login --provider microsoft`, `devtunnel user login -d`), or from a client
 *   that is not the VS Code desktop's own extension sign-in;
 * - a GitHub authorisation of the tunnel service's GitHub App.
 * What does not: the desktop's own Microsoft sign-ins (any resource, including the tunnel service
 * when Remote Tunnel Access is turned on in the UI), token refreshes (evidence for the host join,
 * not alerts), failed sign-ins (reasons, not alerts), and the "GitHub for VS Code" OAuth app,
 * which the CLI shares with every desktop GitHub sign-in.
 */
import { ARM, GRAPH, githubAudit, signin, TUNNEL_SERVICE_APP_ID, TUNNEL_SERVICE_NAME, VSCODE_APP_ID } from './identityBuilders.mjs';
import { S } from './sources.mjs';

const TUNNEL = { id: TUNNEL_SERVICE_APP_ID, name: TUNNEL_SERVICE_NAME };
const VSCODE = { appId: VSCODE_APP_ID, appName: 'Visual Studio Code' };
const EDGE = { operatingSystem: 'Windows10', browser: 'Edge 131.0.0' };
const CORP_EGRESS = '198.51.100.23';

function signinPositives() {
  const category = 'positives-identity-signin';
  const c = (o) => ({ label: 'positive', category, expect: { activity: 'login' }, ...o });
  return [
    signin(c({ source: `${S.vscAuth}; ${S.devTunnelsIds}; ${S.entraSignInSchema}; ${S.mscsAad}`, note: 'code tunnel user login --provider microsoft on a headless host: the CLI asks for a device code with the VS Code client id for the tunnel service scope; the user completes it in a browser. Interactive sign-in, protocol deviceCode, resource the tunnel service. Device and user agent are the browser where the code was typed (invented).', upn: 'alice@corp.example.com', displayName: 'Alice Example', ...VSCODE, resource: TUNNEL, protocol: 'deviceCode', interactive: true, ip: '203.0.113.44', device: EDGE, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0' })),
    signin(c({ source: `${S.vscAuth}; ${S.devTunnelsIds}; ${S.entraDeviceCode}`, note: 'Same CLI device-code login from the corporate egress address by another user (the IP says nothing: NAT egress); the code was entered on a phone (invented device).', upn: 'bob.jones@corp.example.com', displayName: 'Bob Jones', ...VSCODE, resource: TUNNEL, protocol: 'deviceCode', interactive: true, ip: CORP_EGRESS, device: { operatingSystem: 'Ios 18.1', browser: 'Mobile Safari' } })),
    signin(c({ source: `${S.devTunnelsIds}; ${S.entraDeviceCode}; https://learn.microsoft.com/azure/developer/dev-tunnels/cli-commands (devtunnel user login -d)`, note: 'devtunnel user login -d: device-code sign-in to the tunnel service. The devtunnel CLI\'s own client id is not published; the app id and name here are invented, which also makes it a client other than the VS Code desktop.', upn: 'carol@corp.example.com', displayName: 'Carol Example', appId: '0e5a1b7c-3f9d-4c2e-8a6b-5d4c3b2a1f0e', appName: 'Dev Tunnels CLI', resource: TUNNEL, protocol: 'deviceCode', interactive: true, ip: '203.0.113.90', device: EDGE })),
    signin(c({ source: `${S.devTunnelsIds}; ${S.entraSignInSchema}`, note: 'A token for the tunnel service obtained by a client that is not VS Code (the Azure CLI public client, 04b07795-8ddb-461a-bbee-02f9e1bf7b46) by browser sign-in, e.g. to hand to the tunnels SDK as an access token. Tradecraft modelled from the documented audience, not from a report.', upn: 'dave@corp.example.com', displayName: 'Dave Example', appId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', appName: 'Microsoft Azure CLI', resource: TUNNEL, protocol: 'none', interactive: true, ip: '203.0.113.17', device: EDGE })),
    signin(c({ source: `${S.vscAuth}; ${S.entraSignInSchema}`, note: 'Device-code login of the VS Code client id to the tunnel service where Splunk shows the resource only by its display name (resourceId empty in the record): the name must be enough.', upn: 'erin@corp.example.com', displayName: 'Erin Example', ...VSCODE, resource: { id: '', name: TUNNEL_SERVICE_NAME }, protocol: 'deviceCode', interactive: true, ip: '203.0.113.61', device: EDGE })),
  ];
}

function signinNoise() {
  const category = 'noise-identity-signin';
  const c = (o) => ({ label: 'noise', category, ...o });
  return [
    signin(c({ source: `${S.vscMsAuth}; ${S.entraSignInSchema}`, note: 'Ordinary VS Code desktop Microsoft-account sign-in for an extension (Microsoft Graph): same VS Code client id, resource is not the tunnel service. Must stay at 0.', upn: 'frank@corp.example.com', displayName: 'Frank Example', ...VSCODE, resource: GRAPH, protocol: 'none', interactive: true, ip: CORP_EGRESS, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Code/1.95.3 Chrome/128.0.6613.186 Electron/32.2.1 Safari/537.36' })),
    signin(c({ source: `${S.vscMsAuth}; ${S.entraSignInSchema}`, note: 'VS Code Azure extension signing in to Azure Resource Manager with the VS Code client id.', upn: 'grace@corp.example.com', displayName: 'Grace Example', ...VSCODE, resource: ARM, protocol: 'none', interactive: true, ip: CORP_EGRESS })),
    signin(c({ source: `${S.vscMsAuth}; ${S.entraSignInSchema}`, note: 'Token refresh of the desktop\'s Graph session (NonInteractiveUserSignInLogs).', upn: 'frank@corp.example.com', displayName: 'Frank Example', ...VSCODE, resource: GRAPH, protocol: 'none', interactive: false, ip: CORP_EGRESS })),
    signin(c({ source: `${S.vscMsAuth}; ${S.devTunnelsIds}`, note: 'A developer turns on Remote Tunnel Access in the desktop UI and signs in with the Microsoft account: the desktop extension\'s browser sign-in (protocol none) with the VS Code client id for the tunnel service. The desktop-managed tunnel is housekeeping (corpus policy 2): low, no alert.', upn: 'heidi@corp.example.com', displayName: 'Heidi Example', ...VSCODE, resource: TUNNEL, protocol: 'none', interactive: true, ip: CORP_EGRESS, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Code/1.95.3 Chrome/128.0.6613.186 Electron/32.2.1 Safari/537.36' })),
    signin(c({ source: `${S.vscAuth}; ${S.devTunnelsIds}; ${S.entraSignInSchema}`, note: 'Sanctioned developer\'s tunnel: hourly refresh of the tunnel-service token (NonInteractiveUserSignInLogs, VS Code client id). Refreshes are evidence for the host join, not alerts.', upn: 'heidi@corp.example.com', displayName: 'Heidi Example', ...VSCODE, resource: TUNNEL, protocol: 'none', interactive: false, ip: CORP_EGRESS })),
    signin(c({ source: `${S.vscAuth}; ${S.devTunnelsIds}; ${S.entraSignInSchema}`, note: 'Another refresh of the same sanctioned developer, from the home network (invented address).', upn: 'heidi@corp.example.com', displayName: 'Heidi Example', ...VSCODE, resource: TUNNEL, protocol: 'none', interactive: false, ip: '203.0.113.200' })),
    signin(c({ source: `${S.vscAuth}; ${S.entraSignInSchema}; https://learn.microsoft.com/entra/identity-platform/reference-error-codes (AADSTS50126)`, note: 'A failed device-code sign-in to the tunnel service (errorCode 50126, invalid user name or password): a reason for the analyst, not an alert (issue 14).', upn: 'ivan@corp.example.com', displayName: 'Ivan Example', ...VSCODE, resource: TUNNEL, protocol: 'deviceCode', interactive: true, ip: '203.0.113.44', errorCode: 50126, failureReason: 'Error validating credentials due to invalid username or password.' })),
    signin(c({ source: `${S.entraDeviceCode}; https://learn.microsoft.com/cli/azure/authenticate-azure-cli-interactively (az login --use-device-code)`, note: 'Developer logs in to the Azure CLI by device code (Azure Resource Manager): device code, but not the tunnel service.', upn: 'judy@corp.example.com', displayName: 'Judy Example', appId: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', appName: 'Microsoft Azure CLI', resource: ARM, protocol: 'deviceCode', interactive: true, ip: CORP_EGRESS })),
    signin(c({ source: S.entraSignInSchema, note: 'Ordinary Microsoft Teams sign-in to Microsoft Graph.', upn: 'ken@corp.example.com', displayName: 'Ken Example', appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', appName: 'Microsoft Teams', resource: GRAPH, protocol: 'none', interactive: true, ip: CORP_EGRESS })),
  ];
}

function githubPositives() {
  const category = 'positives-identity-github';
  const c = (o) => ({ label: 'positive', category, expect: { activity: 'login' }, ...o });
  return [
    githubAudit(c({ source: `${S.devTunnelsIds}; ${S.ghUserEvents}; ${S.splunkGithub}`, note: 'A user authorises the tunnel service\'s GitHub App (client id Iv1.e7b89e013f801f03), as `devtunnel user login -g` asks: oauth_authorization.create naming the app. Which account logs carry it is limited (test/corpus/README.md).', action: 'oauth_authorization.create', actor: 'alice-ex', appName: 'Visual Studio Tunnel Service', appId: 'Iv1.e7b89e013f801f03' })),
    githubAudit(c({ source: `${S.devTunnelsIds}; ${S.ghUserEvents}`, note: 'The same authorisation where the log names the app only by its client id.', action: 'oauth_authorization.create', actor: 'mallory-ex', appId: 'Iv1.e7b89e013f801f03', ip: '203.0.113.90' })),
  ];
}

function githubNoise() {
  const category = 'noise-identity-github';
  const c = (o) => ({ label: 'noise', category, ...o });
  return [
    githubAudit(c({ source: `${S.vscGithubAuth}; ${S.vscAuth}; ${S.ghUserEvents}`, note: 'Authorisation of "GitHub for VS Code" (client id 01ab8ac9400c4e429b23). The VS Code CLI logs in with this OAuth app, but so does every desktop GitHub sign-in (Settings Sync, Copilot, git): a low reason, never an alert.', action: 'oauth_authorization.create', actor: 'frank-ex', appName: 'GitHub for VS Code', appId: '01ab8ac9400c4e429b23' })),
    githubAudit(c({ source: `${S.ghCli}; ${S.ghUserEvents}`, note: 'gh auth login authorises the GitHub CLI OAuth app: not a tunnel.', action: 'oauth_authorization.create', actor: 'grace-ex', appName: 'GitHub CLI' })),
    githubAudit(c({ source: `${S.devTunnelsIds}; ${S.ghUserEvents}`, note: 'Revoking the tunnel service GitHub App (oauth_authorization.destroy) is the opposite of a grant.', action: 'oauth_authorization.destroy', actor: 'heidi-ex', appName: 'Visual Studio Tunnel Service', appId: 'Iv1.e7b89e013f801f03' })),
    githubAudit(c({ source: S.ghOrgEvents, note: 'A member authorises a personal access token for SAML SSO (org_credential_authorization.grant): the event the organisation audit log mostly shows; it does not name an OAuth app.', action: 'org_credential_authorization.grant', actor: 'ivan-ex', org: 'example-org' })),
  ];
}

/** Every identity-plane case, positives first (ids and times depend on this order). */
export function identity() {
  return [...signinPositives(), ...githubPositives(), ...signinNoise(), ...githubNoise()];
}
