/**
 * `idetunnel score` on identity-plane exports (issue 14): nested `properties.*` JSON as Entra ID
 * diagnostic settings write it, and GitHub audit entries, scored by the bundled command.
 * Fixtures: test/fixtures/identity (synthetic, see its README).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'idetunnel.js');
const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'identity');

interface Row {
  ide_tunnel_score: number;
  ide_tunnel_activity?: string;
  ide_tunnel_reasons: string[];
}

function scoreAll(...files: string[]): Row[] {
  const run = spawnSync(process.execPath, [CLI, 'score', '--all', '--format', 'json', '--quiet', ...files.map((f) => path.join(FIXTURES, f))], { encoding: 'utf8', timeout: 60000 });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Row);
}

describe('idetunnel score on identity exports', () => {
  it('scores Entra ID sign-ins from nested JSON: the device-code and the Azure CLI tunnel sign-ins alert, Graph is 0, the refresh is low', () => {
    const rows = scoreAll('entra-signins.jsonl');
    expect(rows.map((r) => [r.ide_tunnel_score, r.ide_tunnel_activity ?? ''])).toEqual([
      [65, 'login'],
      [0, ''],
      [25, 'token-refresh'],
      [55, 'login'],
    ]);
    expect(rows[0].ide_tunnel_reasons[1]).toMatch(/by device code/);
  });

  it('scores GitHub grants: the tunnel service GitHub App alerts, the GitHub CLI is 0', () => {
    expect(scoreAll('github-audit.jsonl').map((r) => r.ide_tunnel_score)).toEqual([55, 0]);
  });
});
