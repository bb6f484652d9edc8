import type { EventField } from '../events/fieldAliases';
import type { SignalRule } from './rules';

/**
 * The identity-plane rows of the rule table (rules.ts spreads them in): the same
 * scoring model (combine.ts) and the same reason vocabulary as the host signals. What each matches
 * is in identityEvidence.ts; the identifiers in identityApps.ts.
 *
 * Design (test/corpus/README.md, "Identity plane"): a sign-in whose resource is the tunnel service
 * is a primary signal; device code and a client other than VS Code raise it over the threshold; the
 * desktop's own browser sign-in and a failed sign-in cap it below; token refreshes are evidence
 * for the identity-to-host join, capped below the threshold. GitHub: a grant of the tunnel service's
 * GitHub App alerts; a grant of "GitHub for VS Code" (shared by the CLI and every desktop GitHub
 * sign-in) is a low reason.
 */
const DEV_TUNNELS = 'microsoft/dev-tunnels rs/src/contracts/tunnel_service_properties.rs (PROD_FIRST_PARTY_APP_ID, PROD_GITHUB_APP_CLIENT_ID)';
const VSCODE_AUTH = 'microsoft/vscode cli/src/auth.rs (client ids, device code endpoints, refresh_token grant)';
const SIGNIN_SCHEMA = 'Azure Monitor SigninLogs / AADNonInteractiveUserSignInLogs reference (AuthenticationProtocol, IsInteractive, Status); Splunk Add-on for Microsoft Cloud Services azure:monitor:aad';

/** What identityEvidence.ts reads of an Entra ID sign-in (events/fieldAliases.ts maps the log's names). */
const SIGN_IN_FIELDS: readonly EventField[] = ['sourcetype', 'category', 'SignInAppId', 'SignInAppName', 'SignInResourceId', 'SignInResourceName', 'SignInInteractive', 'SignInProtocol', 'SignInTransferMethod', 'SignInErrorCode'];
/** What identityEvidence.ts reads of a GitHub audit entry. */
const GRANT_FIELDS: readonly EventField[] = ['sourcetype', 'GitHubAction', 'OAuthAppId', 'OAuthAppName'];

/**
 * The rows, as literal types for rules.ts SignalId. Identity events are read in full (`unscreened`):
 * their deciding fields hold application ids, and `ide_tunnel_identity_prefilter` (identityApps.ts)
 * finds them in an index.
 */
export const IDENTITY_SIGNALS = [
  { id: 'identity.tunnel-signin', kind: 'primary', weight: 35, activity: 'login', reason: 'sign-in to the Dev Tunnels service (`{value}`)', source: `${DEV_TUNNELS}; ${VSCODE_AUTH} (scope <tunnel service>/.default)`, technique: 'T1219.001', matcher: 'analyser', reads: { 'sign-in': SIGN_IN_FIELDS }, unscreened: true },
  { id: 'identity.tunnel-refresh', kind: 'primary', weight: 25, ceiling: 45, activity: 'token-refresh', reason: 'non-interactive token for the Dev Tunnels service (`{value}`): a tunnel host keeping its sign-in', source: `${VSCODE_AUTH}; ${SIGNIN_SCHEMA} (NonInteractiveUserSignInLogs)`, technique: 'T1219.001', matcher: 'analyser', reads: { 'sign-in': SIGN_IN_FIELDS }, unscreened: true },
  { id: 'identity.device-code', kind: 'context', weight: 30, reason: 'by device code (`{value}`), the CLI login of a headless host', source: `${VSCODE_AUTH}; https://learn.microsoft.com/entra/identity/conditional-access/concept-authentication-flows; splunk/security_content azure_ad_device_code_authentication`, technique: 'T1219.001', matcher: 'analyser', reads: { 'sign-in': SIGN_IN_FIELDS } },
  { id: 'identity.other-client', kind: 'context', weight: 20, reason: 'requested by a client other than VS Code (`{value}`)', source: `${DEV_TUNNELS} (clients specify the service app id as audience)`, technique: 'T1219.001', matcher: 'analyser', reads: { 'sign-in': SIGN_IN_FIELDS } },
  { id: 'identity.desktop-sign-in', kind: 'context', weight: -10, ceiling: 20, reason: 'the VS Code desktop\'s own browser sign-in (Remote Tunnel Access turned on in the editor)', source: 'microsoft/vscode extensions/microsoft-authentication (authorization code in the browser with the VS Code client id)', technique: 'T1219.001', matcher: 'analyser', reads: { 'sign-in': SIGN_IN_FIELDS } },
  { id: 'identity.sign-in-failed', kind: 'context', weight: -10, ceiling: 40, reason: 'the sign-in failed (error {value}): a reason, not an alert', source: SIGNIN_SCHEMA, technique: 'T1219.001', matcher: 'analyser', reads: { 'sign-in': SIGN_IN_FIELDS } },
  { id: 'identity.github-tunnel-app', kind: 'primary', weight: 55, activity: 'login', reason: 'GitHub authorisation of the Dev Tunnels service\'s GitHub App (`{value}`)', source: `${DEV_TUNNELS}; https://docs.github.com security log events (oauth_authorization.create)`, technique: 'T1219.001', matcher: 'analyser', reads: { 'github-grant': GRANT_FIELDS }, unscreened: true },
  { id: 'identity.github-vscode-app', kind: 'primary', weight: 25, ceiling: 30, activity: 'login', reason: 'GitHub authorisation of `{value}`, the OAuth app the VS Code CLI logs in with (every desktop GitHub sign-in uses it too)', source: `${VSCODE_AUTH}; microsoft/vscode extensions/github-authentication/src/config.ts`, technique: 'T1219.001', matcher: 'analyser', reads: { 'github-grant': GRANT_FIELDS }, unscreened: true },
] as const satisfies readonly SignalRule[];
