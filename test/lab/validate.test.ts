/**
 * `idetunnel validate` (src/lab/validateCommand.ts, splunkRestClient.ts) against the splunkd REST
 * stand-in (helpers/standInSplunk.ts: Splunk's documented REST contract, not a Splunk), with the
 * SYNTHETIC fixture app and manifest (test/lab/fixtures).
 */
import { cpSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { CheckRow, runValidate, ValidateOptions } from '../../src/lab/validateCommand';
import { FIXTURE_APP_DIR, FIXTURE_MANIFEST, goodLab, PROCESS_ROWS, REST_TOKEN } from './helpers/labFixtures';
import { RestBehaviour, StandIn, useStandIns } from './helpers/standInSplunk';

const standIns = useStandIns('validate');

function lab(behaviour: RestBehaviour): Promise<StandIn> {
  return standIns.start({ rest: behaviour });
}

function options(server: StandIn, extra: Partial<ValidateOptions> = {}): ValidateOptions {
  return {
    splunkUrl: server.url,
    splunkVersion: '9.4',
    app: 'idetunnel',
    owner: 'nobody',
    appDir: FIXTURE_APP_DIR,
    manifest: FIXTURE_MANIFEST,
    earliest: '1899990000',
    latest: '1900000001',
    cleanup: false,
    caFile: standIns.caFile,
    insecure: false,
    poll: 10,
    maxWait: 5000,
    timeout: 5000,
    format: 'table',
    ...extra,
  };
}

async function validate(opts: ValidateOptions, env: NodeJS.ProcessEnv = { SPLUNK_TOKEN: REST_TOKEN }) {
  let out = '';
  const err: string[] = [];
  const result = await runValidate(opts, { out: (t) => (out += t), err: (l) => err.push(l) }, env);
  return { ...result, out, err };
}

const failed = (rows: CheckRow[]) => rows.filter((r) => r.result === 'FAIL');

describe('validate: a lab that matches the manifest', () => {
  test('every check passes; the table lists app, command, macros and each case', async () => {
    const server = await lab(goodLab());
    const { rows, failures, out } = await validate(options(server));
    expect(failed(rows)).toEqual([]);
    expect(failures).toBe(0);
    expect(rows.filter((r) => r.check === 'detection' && r.result === 'PASS').map((r) => `${r.expect}: ${r.case}`)).toEqual([
      'alert: scenario 1: code tunnel on DEV-WS-031',
      'alert: scenario 2: devtunnel host on FIN-LT-007',
      'quiet: code tunnel status (housekeeping)',
      'quiet: barcode.exe look-alike',
      'alert: relay lookups from FIN-LT-007',
    ]);
    expect(rows.find((r) => r.check === 'app')).toMatchObject({ result: 'PASS', got: 'installed, version 1.0.0' });
    expect(rows.find((r) => r.check === 'command')).toMatchObject({ result: 'PASS' });
    expect(rows.filter((r) => r.check === 'macro' && r.result === 'PASS')).toHaveLength(2);
    expect(out.split('\n')[0]).toMatch(/^check\s+detection\s+case\s+expect\s+got\s+result$/);
    expect(out).toContain('scenario 1: code tunnel on DEV-WS-031');
  });

  test('a token is sent as Authorization: Bearer on every call; no login', async () => {
    const server = await lab(goodLab());
    await validate(options(server));
    expect(server.requests.length).toBeGreaterThan(5);
    for (const r of server.requests) expect(r.authorization).toBe(`Bearer ${REST_TOKEN}`);
    expect(server.requests.some((r) => r.path === '/services/auth/login')).toBe(false);
  });

  test('--splunk-version 9.4 uses the v2 search endpoints (POST parser, jobs, results) in the app namespace', async () => {
    const server = await lab(goodLab());
    const { rows } = await validate(options(server));
    const calls = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls).toContain('POST /servicesNS/nobody/idetunnel/search/v2/parser');
    expect(calls).toContain('POST /servicesNS/nobody/idetunnel/search/v2/jobs');
    expect(calls).toContain('GET /servicesNS/nobody/idetunnel/search/v2/jobs/standin_1');
    expect(calls).toContain('POST /servicesNS/nobody/idetunnel/search/v2/jobs/standin_1/results');
    expect(calls.filter((c) => c === 'GET /servicesNS/nobody/idetunnel/search/v2/jobs/standin_1')).toHaveLength(2);
    expect(calls.some((c) => /search\/jobs|search\/parser/.test(c))).toBe(false);
    expect(rows[0]).toMatchObject({ check: 'login', got: 'token (Bearer); --splunk-version 9.4: search API v2' });
  });

  test('--splunk-version 8.2 uses the v1 endpoints (GET parser and results)', async () => {
    const server = await lab(goodLab());
    const { failures } = await validate(options(server, { splunkVersion: '8.2' }));
    expect(failures).toBe(0);
    const calls = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls).toContain('GET /servicesNS/nobody/idetunnel/search/parser');
    expect(calls).toContain('POST /servicesNS/nobody/idetunnel/search/jobs');
    expect(calls).toContain('GET /servicesNS/nobody/idetunnel/search/jobs/standin_1/results');
    expect(calls.some((c) => c.includes('/v2/'))).toBe(false);
  });

  test('the search window and the installed search reach the job', async () => {
    const server = await lab(goodLab());
    await validate(options(server));
    const job = server.jobs.find((j) => j.search.includes('lab_process_events'));
    expect(job).toMatchObject({ earliest: '1899990000', latest: '1900000001' });
    expect(job?.search.startsWith('search `lab_process_events`')).toBe(true);
  });

  test('user and password log in at /services/auth/login, then use the session key; server/info gives the version', async () => {
    const server = await lab(goodLab({ version: '9.1.3' }));
    const { failures, rows } = await validate(options(server), { SPLUNK_USERNAME: 'admin', SPLUNK_PASSWORD: 'changeme-lab' });
    expect(failures).toBe(0);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/services/auth/login' });
    expect(server.requests[0].form.get('username')).toBe('admin');
    for (const r of server.requests.slice(1)) expect(r.authorization).toMatch(/^Splunk session-1-admin$/);
    expect(rows[0].got).toBe('logged in as admin; splunkd 9.1.3 (server/info): search API v2');
  });
  test('after a password login the server\'s version decides the endpoints (8.2.12: v1, whatever --splunk-version says)', async () => {
    const server = await lab(goodLab({ version: '8.2.12' }));
    const { failures, rows } = await validate(options(server, { splunkVersion: '9.4' }), { SPLUNK_USERNAME: 'admin', SPLUNK_PASSWORD: 'changeme-lab' });
    expect(failures).toBe(0);
    expect(rows[0].got).toBe('logged in as admin; splunkd 8.2.12 (server/info): search API v1');
    expect(server.requests.some((r) => r.path.includes('/v2/'))).toBe(false);
  });
});

describe('validate: mismatches exit non-zero', () => {
  test('a quiet case that alerts and an alert case that stays quiet are both FAIL', async () => {
    const noisy = [PROCESS_ROWS[0], { dest: 'DEV-WS-014.corp.example.com', process: 'code-tunnel.exe tunnel status', ide_tunnel_score: '60' }];
    const server = await lab(goodLab({ results: (s) => (s.includes('lab_process_events') ? noisy : []) }));
    const { rows, failures } = await validate(options(server));
    expect(failed(rows).map((r) => `${r.expect}: ${r.case}: ${r.got}`)).toEqual([
      'alert: scenario 2: devtunnel host on FIN-LT-007: 0 of 2 result rows match',
      'quiet: code tunnel status (housekeeping): 1 of 2 result rows match',
      'alert: relay lookups from FIN-LT-007: 0 of 0 result rows match',
    ]);
    expect(failures).toBe(3);
  });

  test('the command is not registered: the parser refuses | idetunnelscore', async () => {
    const server = await lab(goodLab({ commands: [] }));
    const { rows } = await validate(options(server));
    expect(rows.find((r) => r.check === 'command')).toMatchObject({ result: 'FAIL', got: "FATAL Unknown search command 'idetunnelscore'." });
  });

  test('a macro missing on splunkd fails the saved searches that use it, naming it', async () => {
    const behaviour = goodLab();
    delete behaviour.macros.lab_threshold;
    const server = await lab(behaviour);
    const { rows } = await validate(options(server));
    const macroFails = failed(rows).filter((r) => r.check === 'macro');
    expect(macroFails.map((r) => r.detection)).toEqual(['Lab Fixture - Process - Rule', 'Lab Fixture - Network - Rule']);
    expect(macroFails[0].got).toContain("macro 'lab_threshold' that cannot be found");
  });

  test('a macro the repository does not define is reported from default/macros.conf', async () => {
    const appDir = path.join(standIns.dir, 'app-missing-macro');
    cpSync(FIXTURE_APP_DIR, appDir, { recursive: true });
    const macros = path.join(appDir, 'default', 'macros.conf');
    writeFileSync(macros, readFileSync(macros, 'utf8').replace('[lab_table(1)]', '[lab_table_renamed(1)]'));
    const server = await lab(goodLab());
    const { rows } = await validate(options(server, { appDir }));
    expect(failed(rows)).toEqual([
      expect.objectContaining({ check: 'macro', detection: 'Lab Fixture - Process - Rule', case: '`lab_table(process)` in the search', got: 'not defined in default/macros.conf' }),
    ]);
  });

  test('the app not installed, or disabled', async () => {
    let server = await lab(goodLab({ apps: {} }));
    let { rows } = await validate(options(server));
    expect(rows.find((r) => r.check === 'app')).toMatchObject({ result: 'FAIL', got: 'not installed (/services/apps/local/idetunnel: 404)' });
    server = await lab(goodLab({ apps: { idetunnel: { version: '1.0.0', disabled: true } } }));
    ({ rows } = await validate(options(server)));
    expect(rows.find((r) => r.check === 'app')).toMatchObject({ result: 'FAIL' });
  });

  test('a saved search of the manifest that splunkd does not have', async () => {
    const server = await lab(goodLab({ savedSearches: [] }));
    const { rows } = await validate(options(server));
    expect(rows.filter((r) => r.check === 'detection' && r.result === 'FAIL').map((r) => r.got)).toEqual([
      'saved search not installed on splunkd',
      'saved search not installed on splunkd',
    ]);
  });

  test('a wrong token: one FAIL row with splunkd\'s message', async () => {
    const server = await lab(goodLab());
    const { rows, failures } = await validate(options(server), { SPLUNK_TOKEN: 'not-the-token' });
    expect(failures).toBe(1);
    expect(failed(rows)).toEqual([expect.objectContaining({ check: 'splunkd', got: 'apps/local/idetunnel: HTTP 401: WARN call not properly authenticated' })]);
  });
});

describe('validate: TLS', () => {
  test('a self-signed splunkd is refused by default: nothing reaches it', async () => {
    const server = await lab(goodLab());
    const { rows, failures } = await validate(options(server, { caFile: undefined }));
    expect(failures).toBe(1);
    expect(failed(rows)[0]).toMatchObject({ check: 'splunkd' });
    expect(failed(rows)[0].got).toMatch(/^apps\/local\/idetunnel: no connection: self[- ]signed certificate/i);
    expect(server.requests).toHaveLength(0);
  });

  test('--insecure connects, with a warning', async () => {
    const server = await lab(goodLab());
    const { failures, err } = await validate(options(server, { caFile: undefined, insecure: true }));
    expect(failures).toBe(0);
    expect(err[0]).toMatch(/^warning: TLS certificate verification is OFF/);
  });
});

describe('validate: --cleanup', () => {
  test('deletes the lab index\'s events over the window with | delete', async () => {
    const server = await lab(goodLab());
    const { rows } = await validate(options(server, { cleanup: true, index: 'idetunnel_lab' }));
    const job = server.jobs.find((j) => j.search.includes('| delete'));
    expect(job?.search).toBe('search index="idetunnel_lab" | delete');
    expect(job).toMatchObject({ earliest: '1899990000', latest: '1900000001' });
    expect(rows.find((r) => r.check === 'cleanup')).toMatchObject({ result: 'PASS', got: '353 events deleted' });
  });

  test('refuses without a dedicated index, before any request', async () => {
    const server = await lab(goodLab());
    await expect(validate(options(server, { cleanup: true }))).rejects.toThrow(/--cleanup needs --index/);
    await expect(validate(options(server, { cleanup: true, index: 'main' }))).rejects.toThrow(/never main/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('validate: corpus cases from the manifest', () => {
  const MINI = path.join(__dirname, 'fixtures', 'corpus', 'mini-corpus.jsonl');
  const positiveLine = '"C:\\Users\\u\\Downloads\\code.exe" tunnel --accept-server-license-terms --name a&b';
  const manifestFile = () => {
    const file = path.join(standIns.dir, 'corpus-manifest.json');
    writeFileSync(file, JSON.stringify({ detections: [], corpus: [{ file: MINI, detection: 'Lab Fixture - Process - Rule', eventcodes: ['1'] }] }));
    return file;
  };

  test('a positive case found in the results passes, a noise case absent from them passes', async () => {
    const rows = [{ dest: 'WKS-LAB-01.corp.example.com', process: positiveLine, ide_tunnel_score: '90' }];
    const server = await lab(goodLab({ results: (s) => (s.includes('lab_process_events') ? rows : []) }));
    const result = await validate(options(server, { manifest: manifestFile() }));
    const cases = result.rows.filter((r) => r.check === 'detection' && r.case !== '');
    expect(cases.map((r) => `${r.case} ${r.expect} ${r.result}`)).toEqual(['fixture-positive-01 alert PASS', 'fixture-noise-01 quiet PASS']);
  });

  test('a noise case that shows up in the results fails', async () => {
    const rows = [{ dest: 'WKS-LAB-01', process: '"C:\\Program Files\\Microsoft VS Code\\bin\\code-tunnel.exe" tunnel status' }];
    const server = await lab(goodLab({ results: (s) => (s.includes('lab_process_events') ? rows : []) }));
    const { rows: out } = await validate(options(server, { manifest: manifestFile() }));
    expect(failed(out).map((r) => r.case)).toEqual(['fixture-positive-01', 'fixture-noise-01']);
  });
});
