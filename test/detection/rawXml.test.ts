import { DEFAULT_OPTIONS } from '../../src/command/options';
import { scoreTable } from '../helpers/scoreTable';
import type { Table } from '../../src/protocol/csvBody';

// XmlWinEventLog `_raw` events (renderXml=true shape, as in ../shared/data/evtx-attack-samples/derived),
// synthetic values: raw=true must reach every field the signals read, not only Image/CommandLine.
function eventXml(eventId: string, data: Record<string, string>): string {
  const escape = (v: string) => v.split('&').join('&amp;').split('<').join('&lt;').split('>').join('&gt;').split("'").join('&apos;');
  return (
    `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='x'/><EventID>${eventId}</EventID>` +
    "<Computer>WS1</Computer></System><EventData>" +
    Object.entries(data).map(([k, v]) => `<Data Name='${k}'>${escape(v)}</Data>`).join('') +
    '</EventData></Event>'
  );
}

const TASK =
  '<?xml version="1.0" encoding="UTF-16"?><Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"><Principals><Principal id="Author"><UserId>S-1-5-18</UserId></Principal></Principals>' +
  '<Actions Context="Author"><Exec><Command>C:\\ProgramData\\code.exe</Command><Arguments>tunnel --accept-server-license-terms</Arguments></Exec></Actions></Task>';

describe('raw=true reads every signal field from _raw', () => {
  test.each([
    ['4698 TaskContent', eventXml('4698', { TaskName: '\\Updater', TaskContent: TASK }), 'persistence'],
    ['Sysmon 22 QueryName', eventXml('22', { QueryName: 'global.rel.tunnels.api.visualstudio.com', Image: 'C:\\Windows\\System32\\rundll32.exe' }), 'dns'],
    ['Sysmon 13 Run value', eventXml('13', { TargetObject: 'HKU\\S-1\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Upd', Details: 'C:\\Users\\Public\\code.exe tunnel', Image: 'C:\\Windows\\System32\\reg.exe' }), 'persistence'],
    ['7045 ImagePath', eventXml('7045', { ServiceName: 'Upd', ImagePath: 'C:\\ProgramData\\code-tunnel.exe tunnel service internal-run', AccountName: 'LocalSystem' }), 'persistence'],
    ['Sysmon 11 TargetFilename', eventXml('11', { TargetFilename: 'C:\\Users\\a\\.vscode\\cli\\code_tunnel.json', Image: 'C:\\Users\\Public\\svc.exe' }), 'file-artefact'],
  ])('%s', (_name, raw, activity) => {
    const table: Table = { header: ['_raw'], rows: [[raw]] };
    scoreTable(table, { ...DEFAULT_OPTIONS, raw: true });
    const cell = (name: string) => table.rows[0][table.header.indexOf(name)];
    expect(cell('ide_tunnel_activity')).toBe(activity);
    expect(cell('ide_tunnel_alert')).toBe('1');
  });
});
