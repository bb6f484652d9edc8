/**
 * The built CLI (`dist/cli/idetunnel.js`, made by `npm run build`; `npm test` builds first) run as a
 * process: exit statuses, what goes to stdout/stderr, secrets never on the command line or in the
 * output, and no `.env` file read from the working directory. Servers: helpers/standInSplunk.ts.
 */
import { execFile } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { FIXTURE_APP_DIR, FIXTURE_MANIFEST, goodLab, REST_TOKEN } from './helpers/labFixtures';
import { HecBehaviour, RestBehaviour, StandIn, useStandIns } from './helpers/standInSplunk';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'idetunnel.js');
const DEMO = path.join(ROOT, 'test', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');
const HEC_TOKEN = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

const lab = useStandIns('cli');

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test does)`);
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with exactly `env` (plus PATH), from `cwd`; 30 s bound against a hang. */
function run(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function server(options: { hec?: HecBehaviour; rest?: RestBehaviour }): Promise<StandIn> {
  return lab.start(options);
}

describe('idetunnel replay (process)', () => {
  test('exit 0, nothing on stdout, summary on stderr, token only in the Authorization header', async () => {
    const hec = await server({ hec: { token: HEC_TOKEN } });
    const r = await run(['replay', DEMO, '--hec-url', hec.url, '--ca-file', lab.caFile, '--retry-delay', '5'], { SPLUNK_HEC_TOKEN: HEC_TOKEN });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('replay: 353 events read, 353 sent, 0 failed');
    expect(r.stderr).not.toContain(HEC_TOKEN);
    expect(hec.hecBatches.flat()).toHaveLength(353);
    for (const req of hec.requests) {
      expect(req.authorization).toBe(`Splunk ${HEC_TOKEN}`);
      expect(req.body).not.toContain(HEC_TOKEN);
    }
  });

  test('exit 1 when events failed; the refused token is not printed', async () => {
    const hec = await server({ hec: { token: HEC_TOKEN } });
    const wrong = 'ffffffff-0000-0000-0000-000000000000';
    const r = await run(['replay', DEMO, '--hec-url', hec.url, '--ca-file', lab.caFile], { SPLUNK_HEC_TOKEN: wrong });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('HTTP 403 code 4: Invalid token');
    expect(`${r.stdout}${r.stderr}`).not.toContain(wrong);
  });

  test('--token on the command line is refused without echoing the value, before any connection', async () => {
    const hec = await server({ hec: { token: HEC_TOKEN } });
    for (const args of [['--token', HEC_TOKEN], [`--token=${HEC_TOKEN}`]]) {
      const r = await run(['replay', DEMO, '--hec-url', hec.url, ...args], {});
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('--token is refused');
      expect(`${r.stdout}${r.stderr}`).not.toContain(HEC_TOKEN);
    }
    expect(hec.requests).toHaveLength(0);
  });
});

test('replay --manifest sends the demo data and each listed corpus file once', async () => {
  const hec = await server({ hec: { token: HEC_TOKEN } });
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'test', 'lab', 'replay-manifest.json'), 'utf8')) as { data: { file: string }[]; corpus: { file: string }[] };
  const files = new Set([...manifest.data, ...manifest.corpus].map((d) => d.file));
  let expected = 0;
  for (const file of files) expected += readFileSync(path.join(ROOT, file), 'utf8').split('\n').filter((l) => l.trim() !== '').length;
  const r = await run(['replay', '--manifest', 'test/lab/replay-manifest.json', '--hec-url', hec.url, '--ca-file', lab.caFile], { SPLUNK_HEC_TOKEN: HEC_TOKEN });
  expect(r.code).toBe(0);
  expect(hec.hecBatches.flat()).toHaveLength(expected);
  expect(r.stderr).toContain(`replay: ${expected} events read, ${expected} sent, 0 failed`);
});

describe('idetunnel validate (process)', () => {
  const args = (url: string, manifest = FIXTURE_MANIFEST) => [
    'validate', '--splunk-url', url, '--ca-file', lab.caFile, '--app-dir', FIXTURE_APP_DIR, '--manifest', manifest, '--poll', '10',
  ];

  test('exit 0 and the table on stdout when the lab matches the manifest', async () => {
    const rest = await server({ rest: goodLab() });
    const r = await run(args(rest.url), { SPLUNK_TOKEN: REST_TOKEN, COLUMNS: '200' });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^check\s+detection/);
    expect(r.stdout).toMatch(/scenario 1: code tunnel on DEV-WS-031\s+alert\s+1 of 2 result rows match\s+PASS/);
    expect(r.stderr).toContain('validate: 9 passed, 0 failed');
    expect(`${r.stdout}${r.stderr}`).not.toContain(REST_TOKEN);
  });

  test('exit 1 on a mismatch', async () => {
    const rest = await server({ rest: goodLab({ results: () => [] }) });
    const r = await run(args(rest.url), { SPLUNK_TOKEN: REST_TOKEN, COLUMNS: '200' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/scenario 1: code tunnel on DEV-WS-031\s+alert\s+0 of 0 result rows match\s+FAIL/);
  });

  test('the table fits an 80-column terminal: case and got wrap, the result is never cut', async () => {
    const rest = await server({ rest: goodLab() });
    const r = await run(args(rest.url), { SPLUNK_TOKEN: REST_TOKEN, COLUMNS: '80' });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.length > 80)).toEqual([]);
    expect(lines.filter((l) => /\s(PASS|FAIL|INFO)$/.test(l))).toHaveLength(11); // 9 PASS (stderr: 9 passed), 2 INFO
    expect(r.stdout).toMatch(/Lab Fixture -\s+scenario 1:\s+alert\s+1 of 2 result rows\s+PASS\n\s+Process - Rule\s+code tunnel on\s+match\n\s+DEV-WS-031\n/);
  });

  test('--password and --token are refused without echoing them', async () => {
    const rest = await server({ rest: goodLab() });
    for (const extra of [['--password', 'hunter2-secret'], [`--token=${REST_TOKEN}`]]) {
      const r = await run([...args(rest.url), ...extra], { SPLUNK_USERNAME: 'admin' });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/--(password|token) is refused/);
      expect(`${r.stdout}${r.stderr}`).not.toMatch(/hunter2-secret|eyJraWQ/);
    }
    expect(rest.requests).toHaveLength(0);
  });

  test('a .env file in the working directory is not read (splunk-sdk\'s index would load it)', async () => {
    const rest = await server({ rest: goodLab() });
    const cwd = mkdtempSync(path.join(tmpdir(), 'idetunnel-dotenv-'));
    writeFileSync(path.join(cwd, '.env'), `SPLUNK_TOKEN=${REST_TOKEN}\nSPLUNK_URL=${rest.url}\n`);
    const r = await run(args(rest.url), {}, cwd);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no Splunk credentials');
    expect(rest.requests).toHaveLength(0);
  });

  test('control: requiring the splunk-sdk package index does load ./.env (the hazard the adapter avoids)', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'idetunnel-dotenv-'));
    writeFileSync(path.join(cwd, '.env'), 'IDETUNNEL_DOTENV_PROBE=loaded\n');
    const probe = `require(${JSON.stringify(path.join(ROOT, 'node_modules', 'splunk-sdk'))}); process.stdout.write(String(process.env.IDETUNNEL_DOTENV_PROBE))`;
    const r = await new Promise<string>((resolve) =>
      execFile(process.execPath, ['-e', probe], { cwd, env: { PATH: process.env.PATH } }, (_e, stdout) => resolve(stdout)),
    );
    expect(r).toBe('loaded');
  });
});
