import { Writable } from 'stream';
import { createProgress } from '../../src/cli/progress';
import { wantsProgressBar } from '../../src/cli/scoreCommand';
import { scoreViewColumns } from '../../src/cli/scoreView';
import { fitOneLine, FittedTable, TableColumn, wrap } from '../../src/cli/table';
import { palette } from '../../src/cli/terminal';

type Row = Record<string, string>;
const noColour = palette({ width: 80, colour: false, isTerminal: false });

function render(columns: TableColumn<Row>[], rows: Row[], width: number): string[] {
  let out = '';
  const table = new FittedTable(columns, width, (t) => (out += t));
  table.rows(rows);
  table.end();
  return out.split('\n').slice(0, -1);
}

/** A score-view row modelled on the demo data's devtunnel host event (synthetic). */
const row = (i: number): Row => ({
  _time: String(1763386925 + i), host: 'FIN-LT-007.corp.example.com', User: 'CORP\\carol',
  Image: 'C:\\Users\\carol\\AppData\\Local\\Temp\\DevTunnels\\devtunnel.exe',
  ide_tunnel_score: String(100 - (i % 100)), ide_tunnel_severity: 'critical', ide_tunnel_tool: 'devtunnel', ide_tunnel_activity: 'tunnel-host',
  ide_tunnel_reasons: '`devtunnel host`: a local port published through Dev Tunnels (+55)\nruns from a temporary folder (+25)',
});

describe('the fitted table', () => {
  it('cuts paths at the start and other text at the end, with an ellipsis', () => {
    expect(fitOneLine('C:\\Users\\alice\\AppData\\Local\\Programs\\bin\\code-tunnel.exe', 22, 'start')).toBe('…\\bin\\code-tunnel.exe');
    expect(fitOneLine('SRV-APP-01.corp', 8, 'end')).toBe('SRV-APP…');
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
  });

  it.each([60, 80, 100, 120, 160, 200])('score view: no line wider than %i, the score never cut', (width) => {
    const lines = render(scoreViewColumns(noColour), [row(0), row(1), { ...row(2), ide_tunnel_score: '7', ide_tunnel_severity: 'informational' }], width);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    expect(lines.filter((l) => /^100 crit {2}/.test(l))).toHaveLength(1);
    expect(lines.some((l) => /^ {2}7 info {2}/.test(l))).toBe(true);
    expect(lines.join('\n')).toMatch(/…\S*tunnel\.exe/);
  });

  it('writes 200,000 rows without spreading them into one call (Math.max(...rows) overflowed the stack at ~125,000)', () => {
    const rows = Array.from({ length: 200000 }, (_, i) => row(i));
    let lines = 0;
    const table = new FittedTable(scoreViewColumns(noColour), 80, (t) => (lines += t.split('\n').length - 1));
    table.rows(rows);
    expect(lines).toBeGreaterThan(200000);
  });
});

describe('the progress bar', () => {
  function fakeTerminal(columns: number) {
    let written = '';
    const stream = new Writable({ write: (chunk, _enc, done) => ((written += String(chunk)), done()) });
    Object.assign(stream, { isTTY: true, columns, rows: 24, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    return { stream: stream as unknown as NodeJS.WritableStream, text: () => written };
  }

  it('fits 80 columns and leaves line wrapping on', () => {
    const term = fakeTerminal(80);
    const bar = createProgress(123_456_789_012, true, 80, term.stream);
    for (let i = 0; i < 1000; i++) bar.event();
    bar.bytes(61_728_394_506);
    bar.stop();
    // eslint-disable-next-line no-control-regex
    const frames = term.text().split(/\r|\n|\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]/).filter((f) => f.includes('scoring'));
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(80);
    expect(frames.some((f) => /scoring \[.+\] 50% 61728\.4\/123456\.8 MB 1000 events/.test(f))).toBe(true);
    expect(term.text()).not.toContain('\u001b[?7l');
  });

  it('is off while rows stream to the same terminal, with --quiet, or when stderr is not a terminal', () => {
    const base = { stderrIsTerminal: true, stdoutIsTerminal: true, streaming: false, quiet: false };
    expect(wantsProgressBar(base)).toBe(true);
    expect(wantsProgressBar({ ...base, streaming: true })).toBe(false);
    expect(wantsProgressBar({ ...base, streaming: true, stdoutIsTerminal: false })).toBe(true);
    expect(wantsProgressBar({ ...base, quiet: true })).toBe(false);
    expect(wantsProgressBar({ ...base, stderrIsTerminal: false })).toBe(false);
  });
});
