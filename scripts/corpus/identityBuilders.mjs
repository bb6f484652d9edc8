/**
 * Builders for identity-plane corpus cases (issue 14): Microsoft Entra ID sign-ins as the Splunk
 * Add-on for Microsoft Cloud Services indexes them from an Event Hub (sourcetype
 * azure:monitor:aad), and GitHub audit events as the Splunk Add-on for GitHub indexes them
 * (sourcetype github:cloud:audit).
 *
 * Shapes:
 * - Sign-in: the Entra diagnostic-settings record, `{time, resourceId, operationName, category,
 *   resultType, callerIpAddress, identity, properties: {...}}` with camelCase properties (the
 *   names the SignInLogs / AADNonInteractiveUserSignInLogs table references give in PascalCase,
 *   and ESCU reads as `properties.appId`, `properties.status.errorCode`, ...). The event keeps the
 *   nesting: the corpus reader flattens it the way Splunk's JSON extraction does
 *   (`properties.status.errorCode`).
 * - GitHub: one audit-log entry (`action`, `actor`, `@timestamp` in ms, `created_at`, ...), the
 *   OAuth application named by `oauth_application_name` / `oauth_application_id`.
 *
 * Addresses are RFC 5737; tenants, object ids and request ids are derived from the case, so the
 * output is deterministic.
 */
import { createHash } from 'node:crypto';
import { envelope, nextTime } from './builders.mjs';

export const TENANT_ID = '8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f';
/** microsoft/vscode cli/src/auth.rs: the Microsoft client id of the VS Code CLI (and the desktop's Microsoft sign-in). */
export const VSCODE_APP_ID = 'aebc6443-996d-45c2-90f0-388ff96faa56';
/** microsoft/dev-tunnels rs/src/contracts/tunnel_service_properties.rs PROD_FIRST_PARTY_APP_ID. */
export const TUNNEL_SERVICE_APP_ID = '46da2f7e-b5ef-422a-88d4-2a7f9de6a0b2';
export const TUNNEL_SERVICE_NAME = 'Visual Studio Tunnel Service';
/** Well-known first-party resources (Microsoft Graph, Azure Resource Manager). */
export const GRAPH = { id: '00000003-0000-0000-c000-000000000000', name: 'Microsoft Graph' };
export const ARM = { id: '797f4846-ba00-4fd7-ba43-dac1f8f63013', name: 'Windows Azure Service Management API' };

/** A GUID-shaped id derived from text (deterministic). */
function guidOf(text) {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * One Entra ID sign-in. c: { upn, displayName, appId, appName, resource: {id, name}, protocol
 * ('none' | 'oAuth2' | 'ropc' | 'deviceCode'), interactive (true -> category SignInLogs, false ->
 * NonInteractiveUserSignInLogs), ip, errorCode? (0), failureReason?, userAgent?, device?
 * ({operatingSystem, browser, displayName?, isManaged?}), clientAppUsed?, transferMethod? }
 */
export function signin(c) {
  const time = nextTime();
  const id = guidOf(`${c.category}|${time}|${c.upn}`);
  const errorCode = c.errorCode ?? 0;
  const category = c.interactive ? 'SignInLogs' : 'NonInteractiveUserSignInLogs';
  const properties = {
    id,
    createdDateTime: time,
    userDisplayName: c.displayName,
    userPrincipalName: c.upn,
    userId: guidOf(`user|${c.upn}`),
    appId: c.appId,
    appDisplayName: c.appName,
    ipAddress: c.ip,
    status: errorCode === 0 ? { errorCode: 0 } : { errorCode, failureReason: c.failureReason ?? 'Other.', additionalDetails: c.failureReason ?? '' },
    clientAppUsed: c.clientAppUsed ?? 'Mobile Apps and Desktop clients',
    userAgent: c.userAgent ?? '',
    deviceDetail: { deviceId: '', displayName: c.device?.displayName ?? '', operatingSystem: c.device?.operatingSystem ?? 'Windows10', browser: c.device?.browser ?? '', isCompliant: false, isManaged: c.device?.isManaged ?? false, trustType: '' },
    location: { city: 'Example City', state: 'Example', countryOrRegion: 'US' },
    correlationId: guidOf(`corr|${id}`),
    conditionalAccessStatus: 'notApplied',
    authenticationProtocol: c.protocol,
    isInteractive: c.interactive,
    tokenIssuerType: 'AzureAD',
    authenticationRequirement: 'singleFactorAuthentication',
    resourceDisplayName: c.resource.name,
    resourceId: c.resource.id,
    resourceTenantId: TENANT_ID,
    homeTenantId: TENANT_ID,
    userType: 'Member',
    signInEventTypes: c.interactive ? ['interactiveUser'] : ['nonInteractiveUser'],
  };
  if (c.transferMethod) properties.originalTransferMethod = c.transferMethod;
  const event = {
    _time: time,
    host: 'hf-cloud-01.example.com',
    source: 'azure_event_hub://entra-signins',
    sourcetype: 'azure:monitor:aad',
    time,
    resourceId: `/tenants/${TENANT_ID}/providers/Microsoft.aadiam`,
    operationName: 'Sign-in activity',
    operationVersion: '1.0',
    category,
    tenantId: TENANT_ID,
    resultType: String(errorCode),
    resultSignature: 'None',
    resultDescription: c.failureReason ?? '',
    durationMs: 0,
    callerIpAddress: c.ip,
    correlationId: properties.correlationId,
    identity: c.displayName,
    Level: 4,
    location: 'US',
    properties,
  };
  return envelope(c, event);
}

/**
 * One GitHub audit-log entry. c: { action, actor, appName?, appId?, org?, ip?, extra? }
 */
export function githubAudit(c) {
  const time = nextTime();
  const ms = Date.parse(time);
  const event = {
    _time: time,
    host: 'hf-cloud-01.example.com',
    source: 'github_audit://example-enterprise',
    sourcetype: 'github:cloud:audit',
    '@timestamp': ms,
    _document_id: guidOf(`gh|${time}|${c.actor}`).replace(/-/g, '').slice(0, 22),
    action: c.action,
    actor: c.actor,
    actor_id: Number.parseInt(createHash('sha256').update(c.actor).digest('hex').slice(0, 7), 16),
    actor_ip: c.ip ?? '198.51.100.23',
    user: c.actor,
    created_at: ms,
    operation_type: c.action.endsWith('.destroy') ? 'remove' : 'create',
    business: 'example-enterprise',
    ...(c.org ? { org: c.org } : {}),
    ...(c.appName ? { oauth_application_name: c.appName } : {}),
    ...(c.appId ? { oauth_application_id: c.appId } : {}),
    ...(c.extra ?? {}),
  };
  return envelope(c, event);
}
