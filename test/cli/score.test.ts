/* eslint-disable no-control-regex -- the tests look for ANSI escapes and NUL bytes in the output */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { describeWithShared, sharedPath } from '../helpers/shared';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'idetunnel.js');
const DEMO = path.resolve(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8', timeout: 120000, maxBuffer: 256 * 1024 * 1024, env: { PATH: process.env.PATH, ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

type Json = Record<string, unknown>;
function jsonRows(stdout: string): Json[] {
  return stdout.trim() === '' ? [] : stdout.trim().split('\n').map((line) => JSON.parse(line) as Json);
}

describe('idetunnel score: the default score view on the bundled demo data', () => {
  const out = cli(['score', DEMO], { COLUMNS: '100' });
  const all = jsonRows(cli(['score', '--all', '--format', 'json', '-q', DEMO]).stdout);

  it('shows the rows at or above the threshold, highest score first, then earliest, with a closing summary', () => {
    expect(out.status).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toMatch(/^SCORE\s+TIME \(UTC\)\s+HOST\s+USER\s+PROGRAM$/);
    const rowLines = lines.filter((l) => /^\s*\d+ (crit|high|med|low|info) /.test(l));
    const alerts = all.filter((r) => (r.ide_tunnel_score as number) >= 50);
    expect(rowLines).toHaveLength(alerts.length);
    const expected = [...alerts].sort((a, b) => (b.ide_tunnel_score as number) - (a.ide_tunnel_score as number) || Date.parse(a._time as string) - Date.parse(b._time as string));
    expect(rowLines.map((l) => Number(l.trim().split(' ')[0]))).toEqual(expected.map((r) => r.ide_tunnel_score));
    expect(rowLines.map((l) => l.slice(10, 29))).toEqual(expected.map((r) => (r._time as string).slice(0, 19).replace('T', ' ')));
    // The program is shortened from the left: the file name stays.
    expect(out.stdout).toMatch(/…[^\s]*\\devtunnel\.exe/);
    expect(out.stdout).not.toMatch(/\u001b\[/);
    expect(out.stderr).toMatch(/read {4}353 events from 1 file in [\d.]+ s, 13 rows shown/);
    expect(out.stderr).toMatch(/alerts {2}13 rows at or above score 50: critical 4, medium 9/);
    expect(out.stderr).toMatch(/hosts {3}DEV-WS-031 6, FIN-LT-007 5, SRV-APP-01 2/);
    const below = all.filter((r) => (r.ide_tunnel_score as number) > 0 && (r.ide_tunnel_score as number) < 50).length;
    expect(out.stderr).toContain(`below   ${below} scored rows under 50, not shown (--min-score 1 shows them)`);
  });

  it('--min-score shows more rows; --threshold moves the alert line', () => {
    const more = jsonRows(cli(['score', '--min-score', '1', '--format', 'json', '-q', DEMO]).stdout);
    expect(more.length).toBe(all.filter((r) => (r.ide_tunnel_score as number) >= 1).length);
    const strict = cli(['score', '--threshold', '90', DEMO]);
    expect(strict.stderr).toMatch(/4 rows at or above score 90: critical 4/);
  });

  it.each([80, 120])('no line of the default view, --all or --fields seed is wider than %i columns', (width) => {
    for (const args of [[], ['--all'], ['--fields', 'seed'], ['--all', '--fields', 'seed']]) {
      const run = cli(['score', ...args, DEMO], { COLUMNS: String(width) });
      expect(run.status).toBe(0);
      const lines = `${run.stdout}${run.stderr}`.split('\n');
      expect(lines.length).toBeGreaterThan(10);
      expect(lines.filter((l) => l.length > width)).toEqual([]);
    }
  });

  it('colours by severity only when asked for a terminal: FORCE_COLOR on, NO_COLOR off', () => {
    const forced = cli(['score', DEMO], { FORCE_COLOR: '1' });
    expect(forced.stdout).toMatch(/\u001b\[1m\u001b\[31m100 crit/);
    expect(forced.stdout).toMatch(/\u001b\[33m 65 med/);
    expect(cli(['score', DEMO], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).toMatch(/\u001b\[/); // FORCE_COLOR wins, as in picocolors
    expect(cli(['score', DEMO], { NO_COLOR: '1' }).stdout).not.toMatch(/\u001b\[/);
  });

  it('--fields seed prints the seed rule table for the rows its search keeps, newest first', () => {
    const seed = jsonRows(cli(['score', '--fields', 'seed', '--format', 'json', DEMO]).stdout);
    expect(seed.length).toBeGreaterThan(0);
    for (const row of seed) expect(row.IsTunnelCommand === 1 || row.IsCodeCLI === 1 || row.IsJetBrains === 1).toBe(true);
    const times = seed.map((r) => Date.parse(r._time as string));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const codeTunnel = seed.find((r) => /code(\.exe)?"? tunnel --accept-server-license-terms/i.test((r.CommandLine as string) ?? ''));
    expect(codeTunnel).toMatchObject({ IsTunnelCommand: 1, IsCodeCLI: 1, IsHeadless: 1, RiskScore: 2 });
    expect(seed.some((r) => /devtunnel(\.exe)?"? host/i.test((r.CommandLine as string) ?? '') && r.IsTunnelCommand === 1)).toBe(true);
    expect(cli(['score', '--fields', 'seed', DEMO]).stdout.split('\n')[0]).toMatch(/^_time\s+host\s+User\s+Image\s/);
  });

  it('--all keeps every event in file order; csv keeps Splunk\'s shape', () => {
    expect(all).toHaveLength(353);
    expect(all.map((r) => r.source_line)).toEqual([...all.map((r) => r.source_line as number)].sort((a, b) => a - b));
    const csv = cli(['score', '--all', '--format', 'csv', '--quiet', '--fields', 'seed', DEMO]);
    expect(csv.stderr).toBe('');
    expect(csv.stdout.split('\n')[0]).toBe('_time,host,User,Image,CommandLine,ParentImage,ParentCommandLine,IsTunnelCommand,IsCodeCLI,IsJetBrains,HasGitHubAuth,IsHeadless,RiskScore');
    const scoreCsv = cli(['score', '--format', 'csv', '-q', DEMO]).stdout;
    expect(scoreCsv.split('\n')[0]).toMatch(/,ide_tunnel_score,ide_tunnel_severity,ide_tunnel_reasons,/);
    expect(scoreCsv).toMatch(/"[^"]*\(\+55\)\n[^"]*\(\+\d+\)/); // multivalue reasons: one per line inside the cell
  });

  it('a bad option for the command is caught while parsing the arguments: exit 2, nothing scored', () => {
    for (const args of [['--threshold', 'lots'], ['--threshold', '101'], ['--min-score', '-1'], ['--chunk-rows', '0'], ['--format', 'xml']]) {
      const run = cli(['score', ...args, DEMO]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^error: option '--[a-z-]+ <[a-z]+>' argument '[^']*' is invalid/);
      expect(run.stdout).toBe('');
    }
  });
});

describe('idetunnel score --format json: JSON Lines with typed fields', () => {
  const rows = jsonRows(cli(['score', '--format', 'json', '-q', DEMO]).stdout);
  const all = jsonRows(cli(['score', '--all', '--format', 'json', '-q', DEMO]).stdout);

  it('numbers for the seed six, the score and the alert; arrays for reasons and techniques', () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const row of all) {
      for (const f of ['IsTunnelCommand', 'IsCodeCLI', 'IsJetBrains', 'HasGitHubAuth', 'IsHeadless', 'RiskScore', 'ide_tunnel_score', 'ide_tunnel_alert']) {
        expect(typeof row[f]).toBe('number');
      }
      expect(Array.isArray(row.ide_tunnel_reasons)).toBe(true);
      expect(Array.isArray(row.mitre_technique_id)).toBe(true);
      expect(row.source).toBe(DEMO);
      expect(typeof row.source_line).toBe('number');
    }
    const top = rows[0];
    expect(top).toMatchObject({ ide_tunnel_score: 100, ide_tunnel_severity: 'critical', ide_tunnel_alert: 1 });
    expect(top.mitre_technique_id).toContain('T1219.001');
    expect((top.ide_tunnel_reasons as string[]).every((r) => /\([+-]\d+\)$/.test(r))).toBe(true);
  });

  it('--explain none leaves the reasons empty', () => {
    for (const row of jsonRows(cli(['score', '--explain', 'none', '--format', 'json', '-q', DEMO]).stdout)) expect(row.ide_tunnel_reasons).toEqual([]);
  });

  it("`jq 'select(.ide_tunnel_score >= 90)'` gives the rows scoring 90 or more", () => {
    const expected = all.filter((r) => (r.ide_tunnel_score as number) >= 90);
    expect(expected.length).toBe(4);
    const jq = spawnSync('jq', ['-c', 'select(.ide_tunnel_score >= 90)'], { input: cli(['score', '--format', 'json', '-q', DEMO]).stdout, encoding: 'utf8' });
    if (jq.error) {
      // No jq binary here: the same comparison jq makes, on the parsed numbers (CI installs jq, see .ci/run).
      expect(rows.filter((r) => (r.ide_tunnel_score as number) >= 90).map((r) => r.source_line).sort()).toEqual(expected.map((r) => r.source_line).sort());
    } else {
      expect(jq.status).toBe(0);
      expect(jsonRows(jq.stdout).map((r) => r.source_line).sort()).toEqual(expected.map((r) => r.source_line).sort());
    }
  });
});

describeWithShared('idetunnel score on the real data in ../shared/data', () => {
  it('scores all three public data sets', () => {
    const out = cli(['score', '--all', '--format', 'csv', '--quiet', '--fields', 'seed',
      sharedPath('data', 'otrf-security-datasets', 'sysmon_eid1.jsonl'),
      sharedPath('data', 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log'),
      sharedPath('data', 'sigma-regression-data', 'regression_data', 'rules', 'windows', 'process_creation')]);
    expect(out.status).toBe(0);
    expect(out.stdout.split('\n').length).toBeGreaterThan(2021 + 3241);
    const files = cli(['score', '--all', '--format', 'json', '--quiet',
      sharedPath('data', 'otrf-security-datasets', 'sysmon_eid1.jsonl'),
      sharedPath('data', 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log')]);
    expect(files.status).toBe(0);
    expect(jsonRows(files.stdout)).toHaveLength(2021 + 3241);
  });
});
