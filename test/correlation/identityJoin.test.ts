/**
 * The identity-to-host join window (reference semantics of the `ide_tunnel_identity_join` SPL):
 * same person, different planes, at most the window apart; findings chain such pairs.
 */
import { DEFAULT_JOIN_WINDOW_SECONDS, JoinEvidence, joinIdentityToHost } from '../../src/correlation/identityJoin';
import { loadConf } from '../app/helpers/appFiles';

const T0 = Date.UTC(2026, 10, 18, 9, 0, 0) / 1000;
const host = (time: number, user: string, dest = 'WKS-1', reason = 'VS Code CLI `tunnel` host subcommand (+55)'): JoinEvidence => ({ time, user, plane: 'host', host: dest, score: 75, reasons: [reason] });
const identity = (time: number, user: string, reason = 'sign-in to the Dev Tunnels service by device code (+30)'): JoinEvidence => ({ time, user, plane: 'identity', host: '', score: 65, reasons: [reason] });

describe('joinIdentityToHost', () => {
  it('makes one finding with both reasons from a host event and a sign-in of the same person', () => {
    const findings = joinIdentityToHost([host(T0, 'alice'), identity(T0 + 600, 'alice')]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ user: 'alice', hosts: ['WKS-1'], firstTime: T0, lastTime: T0 + 600, score: 75 });
    expect(findings[0].reasons).toEqual(['VS Code CLI `tunnel` host subcommand (+55)', 'sign-in to the Dev Tunnels service by device code (+30)']);
  });

  it('joins at exactly the window and not one second beyond, in either order', () => {
    const w = 3600;
    expect(joinIdentityToHost([host(T0, 'alice'), identity(T0 + w, 'alice')], w)).toHaveLength(1);
    expect(joinIdentityToHost([identity(T0, 'alice'), host(T0 + w, 'alice')], w)).toHaveLength(1);
    expect(joinIdentityToHost([host(T0, 'alice'), identity(T0 + w + 1, 'alice')], w)).toEqual([]);
    expect(joinIdentityToHost([identity(T0, 'alice'), host(T0 + w + 1, 'alice')], w)).toEqual([]);
  });

  it('never joins different people, one plane alone, or evidence without a user', () => {
    expect(joinIdentityToHost([host(T0, 'alice'), identity(T0 + 60, 'bob')])).toEqual([]);
    expect(joinIdentityToHost([host(T0, 'alice'), host(T0 + 60, 'alice', 'WKS-2')])).toEqual([]);
    expect(joinIdentityToHost([identity(T0, 'alice'), identity(T0 + 60, 'alice')])).toEqual([]);
    expect(joinIdentityToHost([host(T0, ''), identity(T0 + 60, '')])).toEqual([]);
  });

  it('reads evidence in any order and chains pairs into one finding', () => {
    const w = 3600;
    // refresh at +1h joins the host start at 0 and the second host at +1h50m: one finding, two hosts.
    const findings = joinIdentityToHost([host(T0 + 6600, 'alice', 'WKS-2', 'second host'), identity(T0 + 3600, 'alice', 'refresh'), host(T0, 'alice', 'WKS-1', 'first host')], w);
    expect(findings).toHaveLength(1);
    expect(findings[0].hosts).toEqual(['WKS-1', 'WKS-2']);
    expect(findings[0].reasons).toEqual(['first host', 'second host', 'refresh']);
  });

  it('keeps evidence that pairs with nothing out of the finding, and separates clusters far apart', () => {
    const w = 600;
    const findings = joinIdentityToHost([host(T0, 'alice'), identity(T0 + 60, 'alice'), host(T0 + 86_400, 'alice', 'WKS-9', 'next day alone'), host(T0 + 2 * 86_400, 'alice'), identity(T0 + 2 * 86_400 + 30, 'alice')], w);
    expect(findings.map((f) => f.firstTime)).toEqual([T0, T0 + 2 * 86_400]);
    expect(findings.flatMap((f) => f.reasons)).not.toContain('next day alone');
  });

  it('rejects a negative or non-finite window', () => {
    expect(() => joinIdentityToHost([], -1)).toThrow(RangeError);
    expect(() => joinIdentityToHost([], Number.NaN)).toThrow(RangeError);
  });

  it('uses the same default window as the ide_tunnel_identity_join_window macro', () => {
    const definition = loadConf('default/macros.conf').stanzas.get('ide_tunnel_identity_join_window')?.settings.get('definition');
    expect(definition).toBe(`${DEFAULT_JOIN_WINDOW_SECONDS}s`);
  });
});
