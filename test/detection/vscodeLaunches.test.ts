/**
 * Launches the VS Code CLI refuses (issue 13): clap compares subcommand and long-option names
 * case-sensitively (microsoft/vscode cli/src/commands/args.rs, clap derive without ignore_case),
 * and `is_valid_name` (cli/src/tunnels/dev_tunnels.rs) refuses tunnel names. Such a launch is an
 * attempt: below the alert threshold, with the reason, whatever the quoting. Also `serve-web` on
 * loopback and the 2026 `code agent host`.
 */
import { refusedTunnelName } from '../../src/detection/grammar/vscode';
import { proc, verdict } from '../helpers/verdict';

const TEMP_CLI = 'C:\\Users\\vic\\AppData\\Local\\Temp\\code.exe';
const SYSTEM = { User: 'NT AUTHORITY\\SYSTEM', ParentImage: 'C:\\Windows\\System32\\wscript.exe' };

describe('launches the CLI refuses are attempts', () => {
  test.each([
    ['upper-case subcommand', 'CODE.EXE TUNNEL --accept-server-license-terms --name vic34'],
    ['mixed-case subcommand', 'code.exe Tunnel --name vic34'],
    ['upper-case long option', 'code.exe tunnel --ACCEPT-SERVER-LICENSE-TERMS'],
    ['service subcommand in upper case', 'code.exe tunnel SERVICE install'],
    ['tunnel name with a space', 'code.exe tunnel --name "vic laptop"'],
    ['tunnel name over 20 characters', 'code.exe tunnel --name abcdefghij-klmnopqrst'],
    ['tunnel name with a dot, --name=value', 'code.exe tunnel --name=web.prod'],
  ])('%s: activity attempt, a reason, below low even from a temp folder as SYSTEM under wscript', (_what, line) => {
    const v = verdict(proc(TEMP_CLI, line, SYSTEM));
    expect(v.activity).toBe('attempt');
    expect(v.score).toBeGreaterThan(0);
    expect(v.score).toBeLessThanOrEqual(40);
    expect(v.reasons.join(' ')).toMatch(/refuses this launch/);
  });

  test('the same launch scores the same however it is quoted or split', () => {
    const spellings = [
      'code.exe TUNNEL --name vic34',
      '"code.exe" "TUNNEL" "--name" "vic34"',
      '"code.exe" TUNNEL "--name=vic34"',
    ].map((line) => verdict(proc(TEMP_CLI, line)));
    for (const v of spellings) expect({ score: v.score, activity: v.activity }).toEqual({ score: spellings[0].score, activity: 'attempt' });
    const names = ['code.exe tunnel --name "vic laptop"', 'code.exe tunnel "--name=vic laptop"', 'code.exe tunnel --name=vic.laptop'].map((line) => verdict(proc(TEMP_CLI, line)));
    for (const v of names) expect({ score: v.score, activity: v.activity }).toEqual({ score: names[0].score, activity: 'attempt' });
  });

  test('names the CLI accepts still host a tunnel (upper case is lower-cased before the check)', () => {
    for (const name of ['VIC34', 'ops_box', 'a-b-c', 'abcdefghij-klmnopqr9']) {
      expect(verdict(proc(TEMP_CLI, `code.exe tunnel --name ${name}`)).activity).toBe('tunnel-host');
    }
  });

  test('refusedTunnelName follows is_valid_name: 20 bytes, Unicode word characters and -', () => {
    expect(refusedTunnelName('abcdefghij-klmnopqr9')).toBeUndefined();
    expect(refusedTunnelName('abcdefghij-klmnopqr9x')).toMatch(/longer than 20/);
    expect(refusedTunnelName('café')).toBeUndefined();
    expect(refusedTunnelName('éééééééééééé')).toMatch(/longer than 20/); // 24 bytes in UTF-8
    expect(refusedTunnelName('a b')).toMatch(/characters other than/);
    expect(refusedTunnelName('a/b')).toMatch(/characters other than/);
  });

  test('a refused launch inside a shell command line is an attempt too, and sets up no persistence', () => {
    const v = verdict(proc('C:\\Windows\\System32\\schtasks.exe', 'schtasks /create /tn x /tr "C:\\t\\code.exe TUNNEL --name a" /sc onlogon'));
    expect(v.score).toBeLessThan(50);
  });
});

describe('serve-web on loopback', () => {
  const CLI = 'C:\\tools\\code.exe';

  test('loopback (default host, 127.0.0.1, localhost, ::1, a socket) stays below the threshold without a token', () => {
    for (const args of ['', '--host 127.0.0.1', '--host localhost', '--host ::1', '--socket-path /run/x.sock']) {
      const v = verdict(proc(CLI, `code.exe serve-web ${args} --without-connection-token --accept-server-license-terms`));
      expect(v.activity).toBe('serve-web');
      expect(v.score).toBeLessThan(50);
    }
  });

  test('any other host keeps the full no-token weight', () => {
    for (const host of ['0.0.0.0', '10.1.2.3', '::', 'devbox.example.com']) {
      expect(verdict(proc(CLI, `code.exe serve-web --host ${host} --without-connection-token`)).score).toBeGreaterThanOrEqual(75);
    }
  });

  test('a loopback port published by ngrok, cloudflared or devtunnel in the same command line counts; another port does not', () => {
    const cmd = 'C:\\Windows\\System32\\cmd.exe';
    const published = [
      'cmd /c "code serve-web --port 8080 --without-connection-token & ngrok http 8080"',
      'cmd /c "code serve-web --without-connection-token & cloudflared tunnel --url http://127.0.0.1:8000"',
      'cmd /c "code serve-web --port 9000 & ngrok http localhost:9000"',
    ];
    for (const line of published) expect(verdict(proc(cmd, line)).score).toBeGreaterThanOrEqual(50);
    expect(verdict(proc(cmd, 'cmd /c "code serve-web --port 8000 --without-connection-token & ngrok http 3000"')).score).toBeLessThan(50);
  });
});

describe('code agent host', () => {
  test('--tunnel exposes it through a dev tunnel: alerts; --host beyond loopback without a token alerts', () => {
    expect(verdict(proc('C:\\Users\\a\\Downloads\\code.exe', 'code.exe agent host --tunnel --name ah1')).activity).toBe('agent-host');
    expect(verdict(proc('C:\\Users\\a\\Downloads\\code.exe', 'code.exe agent host --tunnel --name ah1')).score).toBeGreaterThanOrEqual(50);
    expect(verdict(proc('/opt/code', '/opt/code agent host --host 0.0.0.0 --without-connection-token')).score).toBeGreaterThanOrEqual(50);
  });

  test('a loopback agent host with its token stays below; ps and kill are housekeeping', () => {
    expect(verdict(proc('/opt/code', '/opt/code agent host')).score).toBeLessThan(50);
    expect(verdict(proc('/opt/code', '/opt/code agent ps')).activity).toBe('housekeeping');
    expect(verdict(proc('/opt/code', '/opt/code agent kill')).score).toBeLessThanOrEqual(20);
  });

  test('a tunnel name the CLI refuses makes `agent host --tunnel` an attempt', () => {
    expect(verdict(proc('/opt/code', '/opt/code agent host --tunnel --name "a b"')).activity).toBe('attempt');
  });
});
