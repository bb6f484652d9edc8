/**
 * `idetunnel replay` sends each data file with its own sourcetype (issue 14): Sysmon XML as
 * XmlWinEventLog, an Entra ID sign-in export as azure:monitor:aad, a GitHub audit export as
 * github:cloud:audit, other JSON as _json. Against the HEC stand-in (helpers/standInSplunk.ts).
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { runReplay } from '../../src/lab/replayCommand';
import { toHecEvent } from '../../src/lab/hecEvent';
import { useStandIns } from './helpers/standInSplunk';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'identity');
const DEMO = path.join(__dirname, '..', 'fixtures', 'demo', 'sysmon-demo.xmlwineventlog.log');
const TOKEN = '11111111-2222-3333-4444-555555555555';
const lab = useStandIns('identity-replay');

describe('replay: one sourcetype per data file', () => {
  test('XML, sign-in, GitHub and other JSON files in one run keep their own sourcetypes', async () => {
    const other = path.join(lab.dir, 'other.jsonl');
    writeFileSync(other, '{"EventID":1,"Image":"C:\\\\t\\\\code.exe","CommandLine":"code tunnel","Hostname":"WS1"}\n');
    const server = await lab.start({ hec: { token: TOKEN } });
    const files = [DEMO, path.join(FIXTURES, 'entra-signins.jsonl'), path.join(FIXTURES, 'github-audit.jsonl'), other];
    const result = await runReplay(files, { hecUrl: server.url, keepTime: true, batchCount: 500, batchBytes: 0, batchInterval: 0, retries: 1, retryDelay: 5, maxInFlight: 1, timeout: 5000, caFile: lab.caFile, insecure: false, progress: false }, () => undefined, { SPLUNK_HEC_TOKEN: TOKEN }, () => 1_900_000_000);
    expect(result).toMatchObject({ sent: 353 + 4 + 2 + 1, failed: 0 });
    const bySource = new Map<string, Set<string>>();
    for (const e of server.hecBatches.flat()) {
      const key = String(e.source).startsWith('idetunnel:replay:') ? String(e.source) : 'xml';
      bySource.set(key, (bySource.get(key) ?? new Set()).add(String(e.sourcetype)));
    }
    expect(Object.fromEntries([...bySource].map(([k, v]) => [k, [...v]]))).toEqual({
      xml: ['XmlWinEventLog'],
      'idetunnel:replay:entra-signins.jsonl': ['azure:monitor:aad'],
      'idetunnel:replay:github-audit.jsonl': ['github:cloud:audit'],
      'idetunnel:replay:other.jsonl': ['_json'],
    });
    const signIn = server.hecBatches.flat().find((e) => e.sourcetype === 'azure:monitor:aad');
    expect(signIn?.event).toMatchObject({ category: 'SignInLogs', 'properties.resourceId': '46da2f7e-b5ef-422a-88d4-2a7f9de6a0b2' });
  });

  test('a CSV or JSON record keeps only a JSON-bodied sourcetype of its own: an XML sourcetype would mis-parse a field record', () => {
    const csv = { fields: { sourcetype: 'XmlWinEventLog', Image: 'a' }, file: 'x.csv', line: 2 };
    expect(toHecEvent(csv, 0, undefined, {}).sourcetype).toBe('_json');
  });
});
