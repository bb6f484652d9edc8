import type { EventView } from '../events/eventView';
import type { EventField } from '../events/fieldAliases';
import type { Match } from './combine';
import { Evidence, field, NOTHING } from './evidence';
import { IDENTITY_APPS, IdentityApp } from './identityApps';

/**
 * Identity-plane analysers (issue 14): Entra ID sign-ins and GitHub grants. Signals and weights are
 * rows of the weights table (identitySignals.ts); the identifiers come from identityApps.ts.
 */

/**
 * The fields only identity-plane events carry, which every identity signal reads: a chunk with any
 * of them is scored row by row, without the record index's key-word shortcut (scoreCsvBytes.ts).
 */
export const IDENTITY_CONTENT_FIELDS: readonly EventField[] = ['SignInAppId', 'SignInAppName', 'SignInResourceId', 'SignInResourceName', 'OAuthAppId', 'OAuthAppName'];

/** What an identity event is: a sign-in, a GitHub audit entry, or not an identity event. */
export type IdentityKind = 'sign-in' | 'github' | '';

/** Entra ID sign-in categories of user sign-ins (Azure Monitor diagnostic settings). */
const SIGN_IN_CATEGORIES = new Set(['signinlogs', 'noninteractiveusersigninlogs']);

/**
 * What an event is on the identity plane, from its sourcetype and Entra category, or the CIM
 * `authentication` tag; generic fields (app, action, EventCode) are not read. Sources: Splunk Add-on
 * for Microsoft Cloud Services (`azure:monitor:aad`; ESCU reads `category=SignInLogs`), Splunk Add-on
 * for GitHub (`github:cloud:audit`, `github:enterprise:audit`), CIM Authentication data model
 * (tag=authentication).
 */
export function identityKind(event: EventView): IdentityKind {
  const sourcetype = field(event, 'sourcetype').toLowerCase();
  if (sourcetype === 'azure:monitor:aad') return SIGN_IN_CATEGORIES.has(field(event, 'category').toLowerCase()) ? 'sign-in' : '';
  if (sourcetype.startsWith('github:') && sourcetype.endsWith(':audit')) return 'github';
  if (!event.values('tag').some((t) => t.toLowerCase() === 'authentication')) return '';
  return field(event, 'SignInAppId') !== '' || field(event, 'SignInResourceId') !== '' || field(event, 'SignInResourceName') !== '' ? 'sign-in' : '';
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The identity app whose client id or display name the values name, for one plane and role. */
function appNamed(plane: IdentityApp['plane'], role: IdentityApp['role'], id: string, name: string): IdentityApp | undefined {
  return IDENTITY_APPS.find((app) => app.plane === plane && app.role === role && ((id !== '' && same(app.clientId, id)) || (name !== '' && same(app.displayName, name))));
}

const VSCODE_ENTRA = IDENTITY_APPS.find((app) => app.id === 'entra.vscode') as IdentityApp;

/**
 * Signals of one Entra ID sign-in (see identitySignals.ts): the tunnel service as resource
 * (interactive: `identity.tunnel-signin`; non-interactive: `identity.tunnel-refresh`), device code
 * (`authenticationProtocol` deviceCode, or `originalTransferMethod` deviceCodeFlow on a refresh), a
 * client other than VS Code, the desktop's own browser sign-in, a failed sign-in (errorCode not 0).
 * Any other resource: nothing (ordinary VS Code sign-ins share the client id).
 */
export function signInEvidence(event: EventView): Evidence {
  const resourceId = field(event, 'SignInResourceId');
  const resourceName = field(event, 'SignInResourceName');
  const resource = appNamed('entra', 'tunnel-service', resourceId, resourceName);
  if (!resource) return NOTHING;
  const interactive = !same(field(event, 'SignInInteractive'), 'false') && !same(field(event, 'category'), 'NonInteractiveUserSignInLogs');
  const matches: Match[] = [{ id: interactive ? 'identity.tunnel-signin' : 'identity.tunnel-refresh', value: resourceName || resourceId }];
  const protocol = field(event, 'SignInProtocol');
  const transfer = field(event, 'SignInTransferMethod');
  const deviceCode = same(protocol, 'deviceCode') ? protocol : same(transfer, 'deviceCodeFlow') ? transfer : '';
  if (deviceCode !== '') matches.push({ id: 'identity.device-code', value: deviceCode });
  const appId = field(event, 'SignInAppId');
  const appName = field(event, 'SignInAppName');
  const vscode = (appId !== '' && same(appId, VSCODE_ENTRA.clientId)) || (appId === '' && same(appName, VSCODE_ENTRA.displayName));
  if (!vscode && (appId !== '' || appName !== '')) matches.push({ id: 'identity.other-client', value: appName || appId });
  if (vscode && interactive && deviceCode === '' && !same(protocol, 'ropc')) matches.push({ id: 'identity.desktop-sign-in' });
  const error = field(event, 'SignInErrorCode');
  if (error !== '' && error !== '0') matches.push({ id: 'identity.sign-in-failed', value: error });
  return { matches, tool: vscode ? 'vscode' : '' };
}

/** GitHub audit actions that grant an OAuth app or GitHub App access to a user's account (GitHub docs, security log events). */
export const GRANT_ACTIONS: ReadonlySet<string> = new Set(['oauth_authorization.create']);

/**
 * Signals of one GitHub audit entry: an authorisation (`oauth_authorization.create`) of the tunnel
 * service's GitHub App (`identity.github-tunnel-app`) or of "GitHub for VS Code"
 * (`identity.github-vscode-app`), by client id or name. Other actions and apps: nothing.
 */
export function githubGrantEvidence(event: EventView): Evidence {
  if (!GRANT_ACTIONS.has(field(event, 'GitHubAction').toLowerCase())) return NOTHING;
  const id = field(event, 'OAuthAppId');
  const name = field(event, 'OAuthAppName');
  const tunnel = appNamed('github', 'tunnel-service', id, name);
  if (tunnel) return { matches: [{ id: 'identity.github-tunnel-app', value: name || id }], tool: '' };
  const vscode = appNamed('github', 'vscode-client', id, name);
  if (vscode) return { matches: [{ id: 'identity.github-vscode-app', value: name || vscode.displayName }], tool: 'vscode' };
  return NOTHING;
}
