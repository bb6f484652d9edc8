import { spawnSync } from 'child_process';
import * as path from 'path';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'idetunnel.js');
const DEMO = path.resolve(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');

function jsonRows(args: string[]): Record<string, string>[] {
  const run = spawnSync(process.execPath, [CLI, 'score', '--format', 'json', ...args, DEMO], { encoding: 'utf8', timeout: 120000 });
  expect(run.status).toBe(0);
  return run.stdout.trim() === '' ? [] : run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
}

describe('idetunnel score --fields score', () => {
  test('prints the score columns for rows that alert, with reasons and techniques', () => {
    const rows = jsonRows(['--fields', 'score']);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Number(row.ide_tunnel_score)).toBeGreaterThanOrEqual(50);
      expect(row.ide_tunnel_severity).toMatch(/^(medium|high|critical)$/);
      expect(row.mitre_technique_id).toContain('T1219.001');
      expect(row.ide_tunnel_reasons).toMatch(/\([+-]\d+\)/);
    }
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['ide_tunnel_score', 'ide_tunnel_tool', 'ide_tunnel_activity']));
    expect(Object.keys(rows[0])).not.toContain('RiskScore');
  });

  test('--threshold and --explain reach the command', () => {
    const strict = jsonRows(['--fields', 'score', '--threshold', '90']);
    const all = jsonRows(['--fields', 'score']);
    expect(strict.length).toBeLessThan(all.length);
    for (const row of jsonRows(['--fields', 'score', '--explain', 'none'])) expect(row.ide_tunnel_reasons).toBeUndefined();
  });

  test('the seed table stays the default', () => {
    const rows = jsonRows([]);
    expect(Object.keys(rows[0])).toContain('RiskScore');
    expect(Object.keys(rows[0])).not.toContain('ide_tunnel_score');
  });
});
