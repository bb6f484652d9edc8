/**
 * `idetunnel replay` (src/lab/replayCommand.ts, hecSender.ts) against the HEC stand-in
 * (helpers/standInSplunk.ts: Splunk's documented HEC contract, not a Splunk). Input: the synthetic demo
 * data (test/fixtures/demo, see its README).
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { ReplayOptions, runReplay } from '../../src/lab/replayCommand';
import { SecretError } from '../../src/lab/secrets';
import { HecBehaviour, StandIn, useStandIns } from './helpers/standInSplunk';

const DEMO = path.join(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');
const DEMO_LINES = readFileSync(DEMO, 'utf8').split('\n').filter((l) => l.trim() !== '');
const TOKEN = '11111111-2222-3333-4444-555555555555';
const NOW = 1_900_000_000;

const lab = useStandIns('replay');

function hec(behaviour: Partial<HecBehaviour> = {}): Promise<StandIn> {
  return lab.start({ hec: { token: TOKEN, ...behaviour } });
}

function options(server: StandIn, extra: Partial<ReplayOptions> = {}): ReplayOptions {
  return {
    hecUrl: server.url,
    keepTime: false,
    batchCount: 50,
    batchBytes: 0,
    batchInterval: 0,
    retries: 3,
    retryDelay: 5,
    maxInFlight: 2,
    timeout: 5000,
    caFile: lab.caFile,
    insecure: false,
    progress: false,
    ...extra,
  };
}

async function replay(files: string[], opts: ReplayOptions, env: NodeJS.ProcessEnv = { SPLUNK_HEC_TOKEN: TOKEN }) {
  const lines: string[] = [];
  const result = await runReplay(files, opts, (line) => lines.push(line), env, () => NOW);
  return { result, lines };
}

const events = (server: StandIn) => server.hecBatches.flat();

describe('replay: batching and event shape', () => {
  test('sends every demo event once, in batches of at most maxBatchCount, XML text unchanged', async () => {
    const server = await hec();
    const { result } = await replay([DEMO], options(server));
    expect(result).toMatchObject({ read: 353, sent: 353, failed: 0 });
    expect(server.hecBatches.map((b) => b.length)).toEqual([...Array(7).fill(50), 3]);
    expect(events(server).map((e) => e.event)).toEqual(DEMO_LINES);
    for (const r of server.requests) expect(r.authorization).toBe(`Splunk ${TOKEN}`);
  });

  test('Sysmon events get the Sysmon add-on source, the Security 4698 event XmlWinEventLog:Security', async () => {
    const server = await hec();
    await replay([DEMO], options(server));
    const bySource = new Map<string, number>();
    for (const e of events(server)) {
      expect(e.sourcetype).toBe('XmlWinEventLog');
      bySource.set(String(e.source), (bySource.get(String(e.source)) ?? 0) + 1);
    }
    expect(Object.fromEntries(bySource)).toEqual({ 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational': 352, 'XmlWinEventLog:Security': 1 });
    const security = events(server).find((e) => e.source === 'XmlWinEventLog:Security');
    expect(String(security?.event)).toContain('<EventID>4698</EventID>');
  });

  test('maxBatchSize flushes by bytes: no batch holds more than one event past the limit', async () => {
    const server = await hec();
    const limit = 20_000;
    await replay([DEMO], options(server, { batchCount: 10_000, batchBytes: limit }));
    expect(server.hecBatches.length).toBeGreaterThan(5);
    for (const r of server.requests) {
      const sizes = r.body.split(/(?<=\})(?=\{"time")/).map((s) => Buffer.byteLength(s));
      const withoutLast = sizes.slice(0, -1).reduce((a, b) => a + b, 0);
      expect(withoutLast).toBeLessThanOrEqual(limit);
    }
    expect(events(server)).toHaveLength(353);
  });

  test('--index, --host, --sourcetype override every event', async () => {
    const server = await hec();
    await replay([DEMO], options(server, { index: 'idetunnel_lab', host: 'lab-host', sourcetype: 'custom:xml' }));
    for (const e of events(server)) expect(e).toMatchObject({ index: 'idetunnel_lab', host: 'lab-host', sourcetype: 'custom:xml' });
  });

  test('JSON input is sent as a field record with sourcetype _json', async () => {
    const file = path.join(lab.dir, 'events.jsonl');
    writeFileSync(file, '{"EventID":1,"Image":"C:\\\\t\\\\code.exe","CommandLine":"code tunnel","Hostname":"WS1","UtcTime":"2026-01-02 03:04:05.000"}\n');
    const server = await hec();
    await replay([file], options(server));
    const [e] = events(server);
    expect(e).toMatchObject({ sourcetype: '_json', source: 'idetunnel:replay:events.jsonl', host: 'WS1', time: String(NOW.toFixed(3)) });
    expect(e.event).toMatchObject({ Image: 'C:\\t\\code.exe', CommandLine: 'code tunnel', EventCode: '1' });
    expect((e.event as Record<string, unknown>)._time).toBeUndefined();
  });
});

describe('replay: event times', () => {
  const original = (line: string) => Date.parse(/SystemTime='([^']+)'/.exec(line)?.[1] ?? '') / 1000;

  test('re-based so the newest event lands at now, gaps between events kept', async () => {
    const server = await hec();
    const { result, lines } = await replay([DEMO], options(server));
    const sent = events(server).map((e) => Number(e.time));
    const newestOriginal = Math.max(...DEMO_LINES.map(original));
    expect(Math.max(...sent)).toBeCloseTo(NOW, 3);
    DEMO_LINES.forEach((line, i) => expect(sent[i] - NOW).toBeCloseTo(original(line) - newestOriginal, 2));
    expect(result.latest).toBeCloseTo(NOW, 3);
    expect(lines.join('\n')).toContain(`--earliest ${Math.floor(result.earliest as number)} --latest ${NOW + 1}`);
  });

  test('--keep-time sends the original times', async () => {
    const server = await hec();
    await replay([DEMO], options(server, { keepTime: true }));
    events(server).forEach((e, i) => expect(Number(e.time)).toBeCloseTo(original(DEMO_LINES[i]), 2));
  });
});

describe('replay: retries and failures', () => {
  test('HTTP 503 / code 9 (server busy) is retried with back-off, then everything is sent', async () => {
    const server = await hec({ busyResponses: 2 });
    const { result } = await replay([DEMO], options(server, { maxInFlight: 1 }));
    expect(result).toMatchObject({ sent: 353, failed: 0, retries: 2 });
    expect(server.requests.length).toBe(8 + 2);
  });

  test('a reset connection (transport error) is retried', async () => {
    const server = await hec({ resetConnections: 1 });
    const { result } = await replay([DEMO], options(server, { maxInFlight: 1 }));
    expect(result).toMatchObject({ sent: 353, failed: 0, retries: 1 });
  });

  test('still busy after the last retry: the batch fails with HEC\'s reason', async () => {
    const server = await hec({ busyResponses: 1000 });
    const { result, lines } = await replay([DEMO], options(server, { retries: 2, maxInFlight: 1, batchCount: 200 }));
    expect(result.sent).toBe(0);
    expect(result.failed).toBe(353);
    expect([...result.reasons.keys()]).toEqual(['HTTP 503 code 9: Server is busy (gave up after 3 attempts)']);
    expect(lines.join('\n')).toContain('failed 353: HTTP 503 code 9: Server is busy');
  });

  test('a bad token stops the replay after the first refusal; the summary gives HEC\'s reason', async () => {
    const server = await hec();
    const { result } = await replay([DEMO], options(server, { maxInFlight: 1 }), { SPLUNK_HEC_TOKEN: 'wrong-token' });
    expect(result).toMatchObject({ sent: 0, failed: 353 });
    expect(result.aborted).toBe('HTTP 403 code 4: Invalid token');
    expect(server.requests.length).toBe(1);
    expect(result.reasons.get('HTTP 403 code 4: Invalid token')).toBe(50);
    expect(result.reasons.get('not sent: HTTP 403 code 4: Invalid token')).toBe(303);
  });

  test('a batch HEC refuses as bad data (400 code 6) fails alone; the others are sent', async () => {
    const server = await hec({ reject: (e) => String(e.event).includes("<EventID>4698</EventID>") });
    const { result } = await replay([DEMO], options(server));
    expect(result.failed).toBe(50);
    expect(result.sent).toBe(303);
    const [reason] = [...result.reasons.keys()];
    expect(reason).toMatch(/^HTTP 400 code 6: Invalid data format \(first invalid event: #\d+ of its batch\)$/);
  });

  test('no token anywhere: refused before reading or connecting', async () => {
    const server = await hec();
    await expect(replay([DEMO], options(server), {})).rejects.toBeInstanceOf(SecretError);
    expect(server.requests).toHaveLength(0);
  });

  test('--token-file is read (one line) and wins over the environment', async () => {
    const server = await hec();
    const file = path.join(lab.dir, 'hec.token');
    writeFileSync(file, `${TOKEN}\n`);
    const { result } = await replay([DEMO], options(server, { tokenFile: file }), { SPLUNK_HEC_TOKEN: 'wrong-token' });
    expect(result.sent).toBe(353);
  });
});

describe('replay: TLS', () => {
  test('a self-signed server is refused by default (no --ca-file): one attempt, no retries, reason says why', async () => {
    const server = await hec();
    const { result } = await replay([DEMO], options(server, { caFile: undefined }));
    expect(result.sent).toBe(0);
    expect(result.retries).toBe(0);
    expect(result.aborted).toMatch(/^TLS certificate not trusted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
    expect(server.hecBatches).toHaveLength(0);
  });

  test('the same server is accepted with --ca-file', async () => {
    const server = await hec();
    const { result } = await replay([DEMO], options(server, { caFile: lab.caFile }));
    expect(result.sent).toBe(353);
  });

  test('--insecure skips verification and warns', async () => {
    const server = await hec();
    const { result, lines } = await replay([DEMO], options(server, { caFile: undefined, insecure: true }));
    expect(result.sent).toBe(353);
    expect(lines[0]).toMatch(/^warning: TLS certificate verification is OFF/);
  });
});
