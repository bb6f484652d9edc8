/**
 * The public identifiers of the IDE-tunnel services on the identity plane, as data: what a
 * sign-in or GitHub grant names, why it matters, and where the value is published. The identity
 * scoring and the SPL prefilter (`ide_tunnel_identity_prefilter`, checked by
 * test/app/identityMacros.test.ts) are derived from this table.
 */

/** Which log names the value. */
export type IdentityAppPlane = 'entra' | 'github';

/** One published identifier. */
export interface IdentityApp {
  /** Stable id of the entry. */
  id: string;
  plane: IdentityAppPlane;
  /** Entra application (client) id, or GitHub OAuth app / GitHub App client id. */
  clientId: string;
  /** The display name the logs show for it. */
  displayName: string;
  /** What it is to the detection. */
  role: 'tunnel-service' | 'vscode-client';
  source: string;
}

const DEV_TUNNELS = 'microsoft/dev-tunnels rs/src/contracts/tunnel_service_properties.rs';
const VSCODE_AUTH = 'microsoft/vscode cli/src/auth.rs (AuthProvider::client_id)';

/** Every identifier the identity rules know. */
export const IDENTITY_APPS: readonly IdentityApp[] = [
  { id: 'entra.tunnel-service', plane: 'entra', clientId: '46da2f7e-b5ef-422a-88d4-2a7f9de6a0b2', displayName: 'Visual Studio Tunnel Service', role: 'tunnel-service', source: `${DEV_TUNNELS} (PROD_FIRST_PARTY_APP_ID; the CLI asks for <id>/.default, ${VSCODE_AUTH})` },
  { id: 'entra.vscode', plane: 'entra', clientId: 'aebc6443-996d-45c2-90f0-388ff96faa56', displayName: 'Visual Studio Code', role: 'vscode-client', source: `${VSCODE_AUTH}: Microsoft; the desktop's Microsoft sign-in uses the same client id` },
  { id: 'github.tunnel-service', plane: 'github', clientId: 'Iv1.e7b89e013f801f03', displayName: 'Visual Studio Tunnel Service', role: 'tunnel-service', source: `${DEV_TUNNELS} (PROD_GITHUB_APP_CLIENT_ID)` },
  { id: 'github.vscode', plane: 'github', clientId: '01ab8ac9400c4e429b23', displayName: 'GitHub for VS Code', role: 'vscode-client', source: `${VSCODE_AUTH}: Github; microsoft/vscode extensions/github-authentication/src/config.ts (the desktop's GitHub sign-in, same client id)` },
];

/**
 * The indexed terms of `ide_tunnel_identity_prefilter`: every identifier an identity event the
 * command can score must contain (the VS Code Entra client id is left out: by itself it marks an
 * ordinary desktop sign-in, which scores 0).
 */
export function identityPrefilterTerms(): string[] {
  const terms: string[] = [];
  for (const app of IDENTITY_APPS) {
    if (app.id === 'entra.vscode') continue;
    for (const term of [app.clientId, app.displayName]) if (!terms.includes(term)) terms.push(term);
  }
  return terms;
}
