import { spawnSync } from 'child_process';
import * as path from 'path';
import { describeWithShared, sharedPath } from '../helpers/shared';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'idetunnel.js');
const DEMO = path.resolve(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120000, maxBuffer: 256 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function jsonRows(stdout: string): Record<string, string>[] {
  return stdout.trim() === '' ? [] : stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
}

describe('idetunnel score on the bundled demo data', () => {
  it('prints the seed table for EventCode 1 rows where the seed where holds, newest first, and a summary', () => {
    const out = cli('score', '--format', 'json', DEMO);
    expect(out.status).toBe(0);
    const rows = jsonRows(out.stdout);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.IsTunnelCommand === '1' || row.IsCodeCLI === '1' || row.IsJetBrains === '1').toBe(true);
    const times = rows.map((r) => Date.parse(r._time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['_time', 'host', 'Image', 'CommandLine', 'RiskScore']));
    expect(out.stderr).toMatch(/353 events read from 1 file\(s\), \d+ rows out, [\d.]+ s/);
  });

  it('finds the seed scenarios: VS Code tunnel (RiskScore 2), devtunnel host, schtasks creating a tunnel task', () => {
    const rows = jsonRows(cli('score', '--format', 'json', DEMO).stdout);
    const codeTunnel = rows.find((r) => /code(\.exe)?"? tunnel --accept-server-license-terms/i.test(r.CommandLine ?? ''));
    expect(codeTunnel).toMatchObject({ IsTunnelCommand: '1', IsCodeCLI: '1', IsHeadless: '1', RiskScore: '2' });
    expect(rows.some((r) => /devtunnel(\.exe)?"? host/i.test(r.CommandLine ?? '') && r.IsTunnelCommand === '1')).toBe(true);
    expect(rows.some((r) => /schtasks/i.test(r.Image ?? '') && r.IsTunnelCommand === '1')).toBe(true);
  });

  it('--all keeps every event in file order; csv and table formats carry the same rows', () => {
    const all = jsonRows(cli('score', '--all', '--format', 'json', DEMO).stdout);
    expect(all).toHaveLength(353);
    const csv = cli('score', '--all', '--format', 'csv', '--quiet', DEMO);
    expect(csv.stderr).toBe('');
    expect(csv.stdout.split('\n')[0]).toBe('_time,host,User,Image,CommandLine,ParentImage,ParentCommandLine,IsTunnelCommand,IsCodeCLI,IsJetBrains,HasGitHubAuth,IsHeadless,RiskScore');
    const table = cli('score', DEMO);
    expect(table.status).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^_time\s+host\s+User\s+Image/);
  });

  it('bad input names the file and line and exits 2', () => {
    const out = cli('score', DEMO, __filename);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(new RegExp(`bad input: ${__filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
  });

  it('a bad option for the command is reported as the command\'s ERROR', () => {
    const out = cli('score', '--threshold', 'lots', DEMO);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/threshold=lots is not a whole number/);
  });
});

describeWithShared('idetunnel score on the real data in ../shared/data', () => {
  it('scores all three public data sets', () => {
    const out = cli('score', '--all', '--format', 'csv', '--quiet',
      sharedPath('data', 'otrf-security-datasets', 'sysmon_eid1.jsonl'),
      sharedPath('data', 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log'),
      sharedPath('data', 'sigma-regression-data', 'regression_data', 'rules', 'windows', 'process_creation'));
    expect(out.status).toBe(0);
    const eid1InFolder = out.stdout.split('\n').length;
    expect(eid1InFolder).toBeGreaterThan(2021 + 3241);
    const files = cli('score', '--all', '--format', 'json', '--quiet',
      sharedPath('data', 'otrf-security-datasets', 'sysmon_eid1.jsonl'),
      sharedPath('data', 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log'));
    expect(files.status).toBe(0);
    expect(jsonRows(files.stdout)).toHaveLength(2021 + 3241);
  });
});
