import { DEFAULT_OPTIONS } from '../../src/command/options';
import { scoreTable } from '../helpers/scoreTable';
import { encodeMultivalue, Table } from '../../src/protocol/csvBody';

type Flags = [number, number, number, number, number, number];

/** Scores one row with the given columns and returns the six seed fields in the seed's order. */
function seedOf(fields: Record<string, string>, raw = false): Flags {
  const table: Table = { header: Object.keys(fields), rows: [Object.values(fields)] };
  scoreTable(table, { ...DEFAULT_OPTIONS, raw });
  const names = ['IsTunnelCommand', 'IsCodeCLI', 'IsJetBrains', 'HasGitHubAuth', 'IsHeadless', 'RiskScore'];
  return names.map((n) => Number(table.rows[0][table.header.indexOf(n)])) as Flags;
}

const xml = (data: Record<string, string>): string =>
  "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>1</EventID><Computer>WS1</Computer></System><EventData>" +
  Object.entries(data).map(([k, v]) => `<Data Name='${k}'>${v}</Data>`).join('') +
  '</EventData></Event>';

// Expected values worked out by hand from the seed's eval lines (../shared/seed/ide-tunneling-detection.txt).
const CASES: [string, Record<string, string>, Flags][] = [
  ['seed test 1: code tunnel with license flag', { Image: 'C:\\Users\\a\\code.exe', CommandLine: 'code.exe tunnel --accept-server-license-terms --name test-tunnel' }, [1, 1, 0, 0, 1, 2]],
  ['seed test 2: devtunnel host (no seed Image pattern covers devtunnel)', { Image: 'C:\\Tools\\devtunnel.exe', CommandLine: 'devtunnel.exe host --port 8080 --allow-anonymous' }, [1, 0, 0, 0, 0, 1]],
  ['mixed case everywhere', { Image: 'C:\\VSCODE\\CODE.EXE', CommandLine: 'CODE TUNNEL --PROVIDER GITHUB --No-Browser' }, [1, 1, 0, 1, 1, 3]],
  ['--provider with a tab and newline before github', { Image: 'x', CommandLine: 'code tunnel user login --provider\t\ngithub' }, [1, 0, 0, 1, 0, 2]],
  ['unanchored: github inside a URL, idea inside a path', { Image: 'C:\\Users\\ideas\\tool.exe', CommandLine: 'git clone https://github.com/x/y' }, [0, 0, 1, 1, 0, 1]],
  ['quotes, commas and newlines inside CommandLine', { Image: '"C:\\a b\\code-insiders.exe"', CommandLine: 'code-insiders "a,b" serve-web\r\n--host 0.0.0.0' }, [0, 1, 0, 0, 1, 1]],
  ['non-ASCII path', { Image: 'C:\\Users\\José\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', CommandLine: 'Código tunnel' }, [1, 1, 0, 0, 0, 1]],
  ['--cli matches inside --cli-data-dir', { Image: 'C:\\x\\code-tunnel.exe', CommandLine: 'code-tunnel.exe --cli-data-dir C:\\d tunnel' }, [1, 1, 0, 0, 1, 2]],
  ['JetBrains Gateway and remote-dev-server', { Image: '/opt/idea/bin/remote-dev-server.sh', CommandLine: 'remote-dev-server.sh run /src' }, [0, 0, 1, 0, 0, 0]],
  ['gateway.exe needs the dot', { Image: 'C:\\gatewayXexe', CommandLine: '' }, [0, 0, 0, 0, 0, 0]],
  ['missing fields never match', { _time: '1', host: 'WS1' }, [0, 0, 0, 0, 0, 0]],
  ['empty values never match', { Image: '', CommandLine: '' }, [0, 0, 0, 0, 0, 0]],
  ['CIM names only (process_path, process)', { process_path: 'C:\\x\\Code.exe', process: 'code tunnel --github' }, [1, 1, 0, 1, 0, 2]],
  ['tstats names only (Processes.*)', { 'Processes.process_path': 'C:\\x\\pycharm64.exe', 'Processes.process': 'pycharm64.exe' }, [0, 0, 1, 0, 0, 0]],
  ['Sysmon name wins over CIM name', { Image: 'C:\\a.exe', process_path: 'C:\\code.exe', CommandLine: 'a', process: 'tunnel' }, [0, 0, 0, 0, 0, 0]],
  ['CIM name used when the Sysmon one is empty', { Image: '', process_path: 'C:\\code.exe' }, [0, 1, 0, 0, 0, 0]],
  ['multivalue: any value matches', { CommandLine: 'first', __mv_CommandLine: encodeMultivalue(['first', 'x tunnel y']) }, [1, 0, 0, 0, 0, 1]],
  ['U+00A0 is not PCRE \\s', { CommandLine: '--provider\u00a0github-less' }, [0, 0, 0, 1, 0, 1]],
  ['U+00A0 only between --provider and gh', { CommandLine: '--provider\u00a0gh' }, [0, 0, 0, 0, 0, 0]],
];

describe('seed rule, exactly (../shared/seed eval lines)', () => {
  it.each(CASES)('%s', (_name, fields, expected) => {
    expect(seedOf(fields)).toEqual(expected);
  });

  it('reads _raw XmlWinEventLog only with raw=true, and only when no extracted field is present', () => {
    const event = xml({ Image: 'C:\\x\\code.exe', CommandLine: 'code tunnel --accept-server-license-terms &amp; --provider github' });
    expect(seedOf({ _raw: event }, true)).toEqual([1, 1, 0, 1, 1, 3]);
    expect(seedOf({ _raw: event }, false)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(seedOf({ _raw: event, Image: 'C:\\a.exe' }, true)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('a _raw that is not XML passes through with zeros and one WARN for the chunk', () => {
    const table: Table = { header: ['_raw'], rows: [['not <xml'], ['{"json":1}'], [xml({ CommandLine: 'tunnel' })]] };
    const messages = scoreTable(table, { ...DEFAULT_OPTIONS, raw: true });
    expect(messages).toHaveLength(1);
    expect(messages[0][0]).toBe('WARN');
    expect(messages[0][1]).toMatch(/2 of 3 rows/);
    expect(table.rows.map((r) => r[table.header.indexOf('IsTunnelCommand')])).toEqual(['0', '0', '1']);
  });

  it('a chunk with none of the fields gets one WARN naming the Sysmon add-on and raw=true', () => {
    const table: Table = { header: ['_time', 'foo'], rows: [['1', 'a'], ['2', 'b']] };
    const messages = scoreTable(table, DEFAULT_OPTIONS);
    expect(messages).toEqual([['WARN', expect.stringMatching(/Add-on for Sysmon.*raw=true/)]]);
    expect(table.rows).toHaveLength(2);
  });
});
