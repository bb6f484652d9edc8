import { decodeMultivalue } from '../../src/protocol/csvBody';
import { executeChunk, getinfoChunk, replyTable, runInProcess } from '../helpers/protocolRun';

const BODY =
  'EventCode,Image,CommandLine,ParentImage,User,_chunked_idx\r\n' +
  '1,C:\\Users\\Public\\svc.exe,svc.exe tunnel --accept-server-license-terms,C:\\Windows\\System32\\wscript.exe,NT AUTHORITY\\SYSTEM,0\r\n' +
  '1,C:\\Windows\\System32\\notepad.exe,notepad.exe C:\\x.txt,,,1\r\n' +
  '1,C:\\Tools\\code.exe,code tunnel status,,,2\r\n' +
  '1,C:\\Windows\\System32\\schtasks.exe,"schtasks /create /tn U /tr ""C:\\Tools\\code.exe tunnel""",,,3\r\n';

async function run(args: string[]): Promise<Record<string, string>[]> {
  const out = await runInProcess([getinfoChunk(args), executeChunk(BODY, true)]);
  const table = replyTable(out.replies[1]);
  return table.rows.map((row) => Object.fromEntries(table.header.map((name, i) => [name, row[i]])));
}

function multivalue(row: Record<string, string>, name: string): string[] {
  const encoded = row[`__mv_${name}`];
  if (encoded) return decodeMultivalue(encoded) ?? [];
  return row[name] === '' ? [] : [row[name]];
}

describe('score fields through the protocol', () => {
  test('every row gets every field; rows without evidence get 0 / informational / empty', async () => {
    const rows = await run([]);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatchObject({ ide_tunnel_score: '0', ide_tunnel_severity: 'informational', ide_tunnel_reasons: '', ide_tunnel_tool: '', ide_tunnel_activity: '', mitre_technique_id: '', ide_tunnel_alert: '0' });
    expect(Number(rows[0].ide_tunnel_score)).toBeGreaterThanOrEqual(90);
    expect(rows[0]).toMatchObject({ ide_tunnel_severity: 'critical', ide_tunnel_tool: 'vscode', ide_tunnel_activity: 'tunnel-host', ide_tunnel_alert: '1' });
    expect(rows[2]).toMatchObject({ ide_tunnel_activity: 'housekeeping', ide_tunnel_alert: '0' });
  });

  test('mitre_technique_id is multivalue with the persistence technique', async () => {
    const rows = await run([]);
    expect(multivalue(rows[3], 'mitre_technique_id')).toEqual(['T1219.001', 'T1053.005']);
    expect(multivalue(rows[0], 'mitre_technique_id')).toEqual(['T1219.001']);
  });

  test('explain=full gives every reason with its weight; short the three strongest; none nothing', async () => {
    const full = multivalue((await run(['explain=full']))[0], 'ide_tunnel_reasons');
    const short = multivalue((await run(['explain=short']))[0], 'ide_tunnel_reasons');
    const none = multivalue((await run(['explain=none']))[0], 'ide_tunnel_reasons');
    expect(full.length).toBeGreaterThan(3);
    for (const reason of full) expect(reason).toMatch(/\([+-]\d+\)$|^score capped/);
    expect(short).toEqual(full.slice(0, 3));
    const weight = (r: string) => Math.abs(Number(/\(([+-]\d+)\)$/.exec(r)?.[1]));
    for (let i = 1; i < full.length; i++) expect(weight(full[i - 1])).toBeGreaterThanOrEqual(weight(full[i]));
    expect(none).toEqual([]);
  });

  test('threshold= moves the alert cut and never drops rows', async () => {
    const low = await run(['threshold=5']);
    const high = await run(['threshold=100']);
    expect(low).toHaveLength(4);
    expect(high).toHaveLength(4);
    expect(low[2].ide_tunnel_alert).toBe('1');
    expect(high[2].ide_tunnel_alert).toBe('0');
    for (const row of low) expect(row.ide_tunnel_alert).toBe(Number(row.ide_tunnel_score) >= 5 ? '1' : '0');
  });
});
