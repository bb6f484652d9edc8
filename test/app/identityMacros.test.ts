/**
 * The identity-plane SPL (issue 14): its prefilter is the identity rule data, its user key is the
 * same rule as src/correlation/userKey.ts (run here on the same cases), and the join reads the
 * normalised user within the window, never the sign-in address.
 */
import { loadConf } from './helpers/appFiles';
import { expandMacros } from '../../src/appconf/macros';
import { identityPrefilterTerms } from '../../src/detection/identityApps';
import { GRANT_ACTIONS } from '../../src/detection/identityEvidence';
import { userKey } from '../../src/correlation/userKey';

const macros = loadConf('default/macros.conf');
const definition = (name: string): string => macros.stanzas.get(name)?.settings.get('definition') ?? '';

/** An SPL double-quoted string literal's text (`\\` -> `\`, `\"` -> `"`). */
const splString = (literal: string): string => literal.replace(/\\(["\\])/g, '$1');
/** A PCRE pattern as a JavaScript RegExp (the patterns here use \z for the end of the text). */
const pcre = (pattern: string): RegExp => new RegExp(pattern.replace(/\\z/g, '$'));

/**
 * Evaluates `ide_tunnel_user_key(account)` the way Splunk's eval would for a string account:
 * if(match(lower(trim(a)), P), null(), replace(replace(lower(trim(a)), R1, ""), R2, "")).
 */
function splUserKey(account: string): string {
  const text = expandMacros('`ide_tunnel_user_key(a)`', macros);
  const literals = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => splString(m[1]));
  expect(text).toMatch(/^if\(match\(lower\(trim\(a\)\), "/);
  expect(text).toMatch(/null\(\), replace\(replace\(lower\(trim\(a\)\), "/);
  const [notPerson, domain, , upn] = literals;
  const lowered = account.trim().toLowerCase();
  if (pcre(notPerson).test(lowered)) return '';
  return lowered.replace(pcre(domain), '').replace(pcre(upn), '');
}

describe('identity-plane macros', () => {
  it('prefilters on exactly the identity rule data (tunnel service and VS Code CLI app identifiers)', () => {
    const terms = [...definition('ide_tunnel_identity_prefilter').matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(terms.sort()).toEqual(identityPrefilterTerms().sort());
  });

  it('reads the GitHub grant actions the command scores, and no others', () => {
    const actions = [...definition('ide_tunnel_github_grant_events').matchAll(/action="([^"]+)"/g)].map((m) => m[1]);
    expect(actions.sort()).toEqual([...GRANT_ACTIONS].sort());
  });

  it.each([
    'CORP\\alice', 'alice@corp.example.com', 'Alice@CORP.example.com', 'alice', ' bob.jones@corp.example.com ', 'CORP.EXAMPLE.COM\\bob.jones',
    'NT AUTHORITY\\SYSTEM', 'AUTORITE NT\\Système', 'NT AUTHORITY\\LOCAL SERVICE', 'NT AUTHORITY\\NETWORK SERVICE', 'LocalSystem', 'S-1-5-18', 'S-1-5-20',
    'WKS-ENG-031$', 'CORP\\SRV-DB-02$', 'root', '-', 'unknown', '', '@alice', 'a@b@c',
  ])('ide_tunnel_user_key gives the same key as userKey for %j', (account) => {
    expect(splUserKey(account)).toBe(userKey(account));
  });

  it('joins by the normalised user within the window, over events in time order', () => {
    const join = expandMacros('`ide_tunnel_identity_join`', macros);
    expect(join).toMatch(/sort 0 _time\s*\n\| streamstats time_window=14400s dc\(ide_tunnel_plane\) as ide_tunnel_planes .* by ide_tunnel_user/);
    expect(join).toMatch(/where ide_tunnel_planes=2/);
    expect(join).not.toMatch(/by [^|]*src_ip/);
  });

  it('takes the identity user from the sign-in or the GitHub lookup, and a host only from the asset lookup', () => {
    const entities = expandMacros('`ide_tunnel_identity_entities`', macros);
    expect(entities).toContain("coalesce('properties.userPrincipalName', ide_tunnel_github_user)");
    expect(entities).toContain('lookup idetunnel_github_users_lookup github_login AS actor');
    expect(entities).toMatch(/lookup idetunnel_ip_assets_lookup ip AS src_ip OUTPUT dest AS ide_tunnel_asset_dest[\s\S]*dest=if\(ide_tunnel_plane="identity", ide_tunnel_asset_dest, dest\)/);
  });

  it('gives allowlist rows a meaning for identity events: user and application (app) in the process_path column', () => {
    expect(expandMacros('`ide_tunnel_allowlist`', macros)).toContain('ide_tunnel_al_path=lower(coalesce(process_path, Image, app, "-"))');
    for (const name of ['ide_tunnel_signin_filter', 'ide_tunnel_identity_correlation_filter']) expect(expandMacros(`\`${name}\``, macros)).toContain('lookup idetunnel_allowlist_lookup');
  });

  it('reads sign-ins by sourcetype and category, as ESCU does', () => {
    expect(expandMacros('`ide_tunnel_signin_events`', macros)).toBe('((index=main sourcetype="azure:monitor:aad") (category=SignInLogs OR category=NonInteractiveUserSignInLogs))');
  });
});
