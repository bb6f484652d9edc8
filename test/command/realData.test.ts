import { readFileSync } from 'fs';
import { readEvents } from '../../src/readers/readEvents';
import { encodeCsvCell } from '../../src/protocol/csvBody';
import { parseWindowsEventXml, windowsEventFields } from '../../src/events/windowsEventXml';
import { describeWithShared, sharedPath } from '../helpers/shared';
import { executeChunk, getinfoChunk, replyTable, runBundle } from '../helpers/protocolRun';

const SEED = ['IsTunnelCommand', 'IsCodeCLI', 'IsJetBrains', 'HasGitHubAuth', 'IsHeadless', 'RiskScore'];
const FIELDS = ['Image', 'CommandLine', 'ParentImage', 'ParentCommandLine', 'OriginalFileName', 'User'];

function csv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(encodeCsvCell).join(',')).join('\n') + '\n';
}

/**
 * Extracts EventData the way the Splunk Add-on for Sysmon's `sysmon-data` transform does
 * (REGEX `<Data Name='(.*?)'>(.*?)</Data>`, FORMAT `$1::$2`), then decodes XML entities:
 * an extraction independent of the command's xml2js parser.
 */
function splunkStyleFields(xml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of xml.matchAll(/<Data Name='([^']*)'>([^<]*)<\/Data>/g)) {
    fields[m[1]] = m[2]
      .replace(/&#(\d+);/g, (_s, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&#x([0-9a-fA-F]+);/g, (_s, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  }
  return fields;
}

describeWithShared('real public Sysmon EID 1 events (../shared/data)', () => {
  it('every EID 1 event of the three data sets passes through with the row count preserved', async () => {
    const files = [
      sharedPath('data', 'otrf-security-datasets', 'sysmon_eid1.jsonl'),
      sharedPath('data', 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log'),
    ];
    const rows: string[][] = [];
    for (const file of files) {
      for await (const event of readEvents(file)) {
        if (event.fields.EventCode !== '1') continue;
        rows.push([...FIELDS.map((f) => event.fields[f] ?? ''), String(rows.length)]);
      }
    }
    expect(rows.length).toBe(2021 + 1491);
    const half = Math.floor(rows.length / 2);
    const header = [...FIELDS, '_chunked_idx'];
    const out = await runBundle(Buffer.concat([
      getinfoChunk(),
      executeChunk(csv(header, rows.slice(0, half)), false),
      executeChunk(csv(header, rows.slice(half)), true),
    ]));
    expect(out.status).toBe(0);
    const got = [...replyTable(out.replies[1]).rows, ...replyTable(out.replies[2]).rows];
    expect(got).toHaveLength(rows.length);
    expect(got.map((r) => r.slice(0, FIELDS.length + 1))).toEqual(rows);
  });

  it('with raw=true, fields read from _raw score exactly like the same events given as extracted fields', async () => {
    const lines = readFileSync(sharedPath('data', 'evtx-attack-samples', 'derived', 'sysmon.xmlwineventlog.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('<EventID>1</EventID>'));
    expect(lines).toHaveLength(1491);
    const extracted = lines.map((line, i) => {
      const f = splunkStyleFields(line);
      return [...FIELDS.map((name) => f[name] ?? ''), String(i)];
    });
    // The command's _raw reader (xml2js) yields the same field values as the add-on-style extraction.
    for (const [i, line] of lines.entries()) {
      const fromXml = windowsEventFields(parseWindowsEventXml(line));
      expect(FIELDS.map((name) => fromXml[name] ?? '')).toEqual(extracted[i].slice(0, FIELDS.length));
    }
    const rawRows = lines.map((line, i) => [line, String(i)]);
    const [fromFields, fromRaw] = await Promise.all([
      runBundle(Buffer.concat([getinfoChunk(), executeChunk(csv([...FIELDS, '_chunked_idx'], extracted), true)])),
      runBundle(Buffer.concat([getinfoChunk(['raw=true']), executeChunk(csv(['_raw', '_chunked_idx'], rawRows), true)])),
    ]);
    const a = replyTable(fromFields.replies[1]);
    const b = replyTable(fromRaw.replies[1]);
    expect(fromRaw.replies[1].metadata.inspector).toBeUndefined();
    const pick = (t: typeof a) => t.rows.map((r) => SEED.map((n) => r[t.header.indexOf(n)]).join(''));
    expect(pick(b)).toEqual(pick(a));
    // Not vacuous: the real data does set some seed flags (e.g. `idea` or `github` inside paths).
    expect(pick(a).some((flags) => /1/.test(flags))).toBe(true);
  });
});
