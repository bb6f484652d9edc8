/**
 * What the lab tools refuse before any request (issue 19 items 9 and 10): a secret over plain HTTP
 * without `--allow-http`, a `--cleanup` index that is main in any case, a wildcard or not the
 * manifest's lab index, `replay --index main`, and an app name that would widen the REST filter
 * `eai:acl.app=<app>`. Against the stand-in servers (helpers/standInSplunk.ts: Splunk's documented
 * HEC and REST contracts, not a Splunk) and the SYNTHETIC fixtures in test/lab/fixtures.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { ManifestError, readManifest } from '../../src/lab/manifest';
import { ReplayOptions, runReplay } from '../../src/lab/replayCommand';
import { LabSafetyError } from '../../src/lab/splunkNames';
import { TlsSetupError } from '../../src/lab/tls';
import { runValidate, ValidateOptions } from '../../src/lab/validateCommand';
import { FIXTURE_APP_DIR, FIXTURE_MANIFEST, goodLab, REST_TOKEN } from './helpers/labFixtures';
import { StandIn, useStandIns } from './helpers/standInSplunk';

const DEMO = path.join(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');
const HEC_TOKEN = '11111111-2222-3333-4444-555555555555';
const standIns = useStandIns('lab-safety');

function replayOptions(url: string, extra: Partial<ReplayOptions> = {}): ReplayOptions {
  return {
    hecUrl: url, keepTime: true, batchCount: 500, batchBytes: 0, batchInterval: 0, retries: 0, retryDelay: 5,
    maxInFlight: 1, timeout: 5000, caFile: standIns.caFile, insecure: false, progress: false, ...extra,
  };
}

async function replay(opts: ReplayOptions) {
  const lines: string[] = [];
  const result = await runReplay([DEMO], opts, (line) => lines.push(line), { SPLUNK_HEC_TOKEN: HEC_TOKEN });
  return { result, lines };
}

function validateOptions(server: StandIn, extra: Partial<ValidateOptions> = {}): ValidateOptions {
  return {
    splunkUrl: server.url, splunkVersion: '9.4', app: 'idetunnel', owner: 'nobody', appDir: FIXTURE_APP_DIR,
    manifest: FIXTURE_MANIFEST, earliest: '1899990000', latest: '1900000001', cleanup: false, caFile: standIns.caFile,
    insecure: false, poll: 10, maxWait: 5000, timeout: 5000, format: 'table', ...extra,
  };
}

async function validate(opts: ValidateOptions) {
  const err: string[] = [];
  const result = await runValidate(opts, { out: () => undefined, err: (line) => err.push(line) }, { SPLUNK_TOKEN: REST_TOKEN });
  return { ...result, err };
}

/** The fixture manifest with `changes` applied, written to a file of its own. */
function manifestWith(name: string, changes: Record<string, unknown>): string {
  const file = path.join(standIns.dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(FIXTURE_MANIFEST, 'utf8')), ...changes }));
  return file;
}

describe('item 9: secrets are not sent over plain HTTP unless the user opts in', () => {
  test('replay --hec-url http://...: refused before anything is sent; the message names the opt-in, not the URL', async () => {
    const server = await standIns.start({ hec: { token: HEC_TOKEN } }, false);
    const url = server.url.replace('http://', 'http://user:pw@');
    await expect(replay(replayOptions(url, { caFile: undefined }))).rejects.toThrow(TlsSetupError);
    await expect(replay(replayOptions(url, { caFile: undefined }))).rejects.toThrow(/--hec-url is plain http:\/\/.*--allow-http/);
    await expect(replay(replayOptions(url, { caFile: undefined }))).rejects.not.toThrow(/pw/);
    expect(server.requests).toHaveLength(0);
  });

  test('replay with --allow-http: warns like --insecure, then sends', async () => {
    const server = await standIns.start({ hec: { token: HEC_TOKEN } }, false);
    const { result, lines } = await replay(replayOptions(server.url, { caFile: undefined, allowHttp: true }));
    expect(lines[0]).toMatch(/^warning: plain HTTP \(--allow-http\): the secret and the events cross the network unencrypted/);
    expect(result.sent).toBe(353);
  });

  test('validate --splunk-url http://...: refused before any request; with --allow-http it warns and runs', async () => {
    const server = await standIns.start({ rest: goodLab() }, false);
    await expect(validate(validateOptions(server, { caFile: undefined }))).rejects.toThrow(/--splunk-url is plain http:\/\/.*--allow-http/);
    expect(server.requests).toHaveLength(0);
    const { failures, err } = await validate(validateOptions(server, { caFile: undefined, allowHttp: true }));
    expect(err[0]).toMatch(/^warning: plain HTTP \(--allow-http\)/);
    expect(failures).toBe(0);
  });

  test.each([['ftp://splunk:8089'], ['not a url']])('a URL that is neither https nor http (%s) is refused', async (url) => {
    await expect(replay(replayOptions(url))).rejects.toThrow(TlsSetupError);
  });
});

describe('item 10: --cleanup deletes from the lab index only', () => {
  test.each([['*'], ['mai*'], ['MAIN'], ['Main'], ['main'], ['idetunnel_*'], ['idetunnel_lab" OR index="main'], ['_internal'], ['-x'], ['lab kvstore'], ['']])(
    '--cleanup --index %p is refused before any request',
    async (index) => {
      const server = await standIns.start({ rest: goodLab() });
      await expect(validate(validateOptions(server, { cleanup: true, index }))).rejects.toThrow(LabSafetyError);
      expect(server.requests).toHaveLength(0);
    },
  );

  test('main is refused in any case, with its own reason', async () => {
    const server = await standIns.start({ rest: goodLab() });
    await expect(validate(validateOptions(server, { cleanup: true, index: 'MAIN' }))).rejects.toThrow(/never main/);
  });

  test('the manifest names its lab index: --cleanup deletes from it, and refuses any other', async () => {
    const manifest = manifestWith('with-index', { index: 'idetunnel_lab' });
    const refused = await standIns.start({ rest: goodLab() });
    await expect(validate(validateOptions(refused, { manifest, cleanup: true, index: 'other_lab' }))).rejects.toThrow(/not the lab index idetunnel_lab/);
    expect(refused.requests).toHaveLength(0);
    const server = await standIns.start({ rest: goodLab() });
    const { rows } = await validate(validateOptions(server, { manifest, cleanup: true }));
    expect(server.jobs.find((j) => j.search.includes('| delete'))?.search).toBe('search index="idetunnel_lab" | delete');
    expect(rows.find((r) => r.check === 'cleanup')?.result).toBe('PASS');
  });

  test.each([['*'], ['MAIN'], ['ide*']])('a manifest "index" of %p is refused when the manifest is read', (index) => {
    expect(() => readManifest(manifestWith('bad-index', { index }))).toThrow(ManifestError);
  });

  test('the repository manifest names idetunnel_lab', () => {
    expect(readManifest(path.join(__dirname, 'replay-manifest.json')).index).toBe('idetunnel_lab');
  });
});

describe('item 10: replay never writes to main; app names cannot widen the REST filter', () => {
  test.each([['main'], ['MAIN'], ['*'], ['main*']])('replay --index %p is refused before anything is sent', async (index) => {
    const server = await standIns.start({ hec: { token: HEC_TOKEN } });
    await expect(replay(replayOptions(server.url, { index }))).rejects.toThrow(LabSafetyError);
    expect(server.requests).toHaveLength(0);
  });

  test.each([['idetunnel OR eai:acl.app=*'], ['*'], ['idetunnel "x"'], ['../search'], ['app.']])('a manifest "app" of %p is refused', (app) => {
    expect(() => readManifest(manifestWith('bad-app', { app }))).toThrow(/"app" .* is not a Splunk app name/);
  });

  test('--app (when the manifest names none) is checked the same way, before any request', async () => {
    const manifest = manifestWith('no-app', { app: undefined });
    const server = await standIns.start({ rest: goodLab() });
    await expect(validate(validateOptions(server, { manifest, app: 'x*' }))).rejects.toThrow(/--app "x\*" is not a Splunk app name/);
    expect(server.requests).toHaveLength(0);
  });
});
