/**
 * Replaying the labelled corpus (test/corpus/README.md): Event XML rendered from a case's fields
 * (src/lab/eventXml.ts), the HEC events replay makes of the cases, and the manifest's corpus cases.
 * Fixture: fixtures/corpus/mini-corpus.jsonl (SYNTHETIC, five cases in the corpus's shape).
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { caseWhere, corpusSourceEvent, readCorpusCases } from '../../src/lab/corpusCases';
import { renderEventXml } from '../../src/lab/eventXml';
import { readManifest, withCorpusCases } from '../../src/lab/manifest';
import { runReplay } from '../../src/lab/replayCommand';
import { parseWindowsEventXml, windowsEventFields } from '../../src/events/windowsEventXml';
import { StandIn, startStandIn } from './helpers/standInSplunk';

const MINI = path.join(__dirname, 'fixtures', 'corpus', 'mini-corpus.jsonl');
const ROOT = path.resolve(__dirname, '..', '..');

async function cases() {
  const out = [];
  for await (const c of readCorpusCases(MINI)) out.push(c);
  return out;
}

describe('renderEventXml', () => {
  test('the project\'s own XML reader gets the case\'s fields back (&, quotes, backslashes intact)', async () => {
    const [positive] = await cases();
    const raw = renderEventXml(positive.event, 'Microsoft-Windows-Sysmon/Operational', '2026-11-18T07:31:01.000Z');
    expect(raw).not.toContain('\n');
    const back = windowsEventFields(parseWindowsEventXml(raw));
    for (const name of ['Image', 'CommandLine', 'User']) expect(back[name]).toBe(positive.event[name]);
    expect(back).toMatchObject({ EventCode: '1', host: 'WKS-LAB-01', Channel: 'Microsoft-Windows-Sysmon/Operational' });
    expect(Number(back._time)).toBe(Date.parse('2026-11-18T07:31:01Z') / 1000);
    expect(raw).toContain('--name a&amp;b');
  });

  test('an entity-escaped TaskContent is written as it is (not escaped twice)', async () => {
    const task = (await cases())[3];
    const raw = renderEventXml(task.event, 'Security', undefined);
    expect(raw).toContain(`<Data Name='TaskContent'>${task.event.TaskContent}</Data>`);
    expect(raw).toContain("<Provider Name='Microsoft-Windows-Security-Auditing'/>");
  });
});

describe('corpus replay', () => {
  let server: StandIn;
  afterEach(async () => server?.close());

  test('cases keep their source and sourcetype; XML cases as rendered Event XML, CIM-only cases as _json with the case id', async () => {
    server = await startStandIn({ hec: { token: 't' } });
    const result = await runReplay([MINI], {
      hecUrl: server.url, keepTime: true, batchCount: 100, batchBytes: 0, batchInterval: 0, retries: 0, retryDelay: 5,
      maxInFlight: 1, timeout: 5000, insecure: false, progress: false,
      allowHttp: true, // a plain-HTTP stand-in on this machine
    }, () => undefined, { SPLUNK_HEC_TOKEN: 't' });
    expect(result.sent).toBe(5);
    const events = server.hecBatches.flat();
    expect(events.map((e) => `${e.sourcetype} ${e.source}`)).toEqual([
      'XmlWinEventLog XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
      'XmlWinEventLog XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
      'sysmon:linux Syslog:Linux-Sysmon/Operational',
      'XmlWinEventLog XmlWinEventLog:Security',
      '_json idetunnel:replay:mini-corpus.jsonl',
    ]);
    expect(String(events[2].event)).toContain("<Channel>Linux-Sysmon/Operational</Channel>");
    expect(events[4].event).toEqual({ host: 'WKS-LAB-02', dest: 'WKS-LAB-02', process: 'code.exe tunnel', process_path: 'C:\\t\\code.exe', idetunnel_case: 'fixture-cim-01' });
    expect(Number(events[0].time)).toBe(Date.parse('2026-11-18T07:31:01Z') / 1000);
  });

  test('corpusSourceEvent: _time becomes epoch seconds', async () => {
    const [c] = await cases();
    expect(corpusSourceEvent(c, MINI).fields._time).toBe(String(Date.parse('2026-11-18T07:31:01Z') / 1000));
  });
});

describe('manifest corpus cases', () => {
  test('caseWhere: dest plus the field the app\'s tables report for the event type', async () => {
    const all = await cases();
    expect(all.map(caseWhere)).toEqual([
      { dest: 'WKS-LAB-01*', process: all[0].event.CommandLine },
      { dest: 'WKS-LAB-01*', process: all[1].event.CommandLine },
      { dest: 'lnx-01*', query: 'global.rel.tunnels.api.visualstudio.com' },
      { dest: 'SRV-LAB-01*', TaskName: '\\VSCode Tunnel' },
      { dest: 'WKS-LAB-02*', process: 'code.exe tunnel' },
    ]);
  });

  test('the repository manifest turns every listed corpus case into an alert (positive) or quiet (noise) case', async () => {
    const manifest = readManifest(path.join(__dirname, 'replay-manifest.json'));
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const { detections, skipped } = await withCorpusCases(manifest);
      expect(skipped).toEqual([]);
      let expected = 0;
      for (const entry of manifest.corpus) {
        for (const line of readFileSync(path.join(ROOT, entry.file), 'utf8').split('\n')) {
          if (line.trim() === '') continue;
          const c = JSON.parse(line);
          if (!entry.eventcodes || entry.eventcodes.includes(c.event.EventCode)) expected++;
        }
      }
      const corpusCases = detections.flatMap((d) => [...d.alert, ...d.quiet]).filter((c) => /^(positives|noise)-/.test(c.case));
      expect(corpusCases).toHaveLength(expected);
      expect(expected).toBeGreaterThan(150);
      const scored = detections.find((d) => d.name === 'IDE Tunnel - Scored Process Detection - Rule');
      expect(scored?.alert.some((c) => c.case === 'positives-vscode-cli-01')).toBe(true);
      expect(scored?.quiet.some((c) => c.case.startsWith('noise-vscode-desktop-'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});
