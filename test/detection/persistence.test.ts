import { parseTaskContent } from '../../src/events/taskContent';
import { proc, verdict } from '../helpers/verdict';

const RUN = 'HKU\\S-1-5-21-1-2-3-1001\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run';
const TUNNEL = 'C:\\Users\\a\\AppData\\Local\\Programs\\Microsoft VS Code\\bin\\code-tunnel.exe';

function task(command: string, args: string, userId = 'CORP\\alice'): string {
  return (
    '<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">' +
    '<RegistrationInfo><URI>\\Updater</URI></RegistrationInfo><Principals><Principal id="Author">' +
    `<UserId>${userId}</UserId></Principal></Principals><Actions Context="Author"><Exec><Command>${command}</Command>` +
    (args ? `<Arguments>${args}</Arguments>` : '<Arguments />') +
    '</Exec></Actions></Task>'
  );
}

function escapeXml(text: string): string {
  return text.split('&').join('&amp;').split('<').join('&lt;').split('>').join('&gt;').split('"').join('&quot;');
}

describe('Run key (Sysmon 13)', () => {
  test('the "Visual Studio Code Tunnel" value with the service command line is persistence with T1547.001', () => {
    const v = verdict({
      EventCode: '13',
      TargetObject: `${RUN}\\Visual Studio Code Tunnel`,
      Details: `"${TUNNEL}" --verbose --cli-data-dir "C:\\Users\\a\\.vscode\\cli" tunnel service internal-run`,
      Image: TUNNEL,
    });
    expect(v.activity).toBe('persistence');
    expect(v.techniques).toEqual(['T1219.001', 'T1547.001']);
    expect(v.score).toBeGreaterThanOrEqual(50);
  });

  test('any Run value whose data is a tunnel command is read with the grammar; a writer other than the IDE raises it', () => {
    const byIde = verdict({ EventCode: '13', TargetObject: `${RUN}\\Updater`, Details: 'C:\\Tools\\code.exe tunnel', Image: TUNNEL });
    const byReg = verdict({ EventCode: '13', TargetObject: `${RUN}Once\\Updater`, Details: 'C:\\Tools\\code.exe tunnel', Image: 'C:\\Windows\\System32\\reg.exe' });
    expect(byIde.activity).toBe('persistence');
    expect(byReg.score).toBeGreaterThan(byIde.score);
  });

  test('the value name alone (data not readable) still counts', () => {
    const v = verdict({ EventCode: '13', TargetObject: `${RUN}\\Visual Studio Code Tunnel`, Details: '(Empty)' });
    expect(v.score).toBeGreaterThanOrEqual(50);
  });

  test('other Run values and tunnel commands outside Run keys score 0', () => {
    expect(verdict({ EventCode: '13', TargetObject: `${RUN}\\OneDrive`, Details: '"C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe" /background' }).score).toBe(0);
    expect(verdict({ EventCode: '13', TargetObject: 'HKCU\\Software\\Acme\\Settings\\Cmd', Details: 'code tunnel' }).score).toBe(0);
    expect(verdict({ EventCode: '13', TargetObject: `${RUN}\\Helper`, Details: `"${TUNNEL}" tunnel status` }).score).toBe(0);
  });
});

describe('scheduled tasks', () => {
  test('schtasks /create /tr "<tunnel>" is persistence (T1053.005), /ru SYSTEM raises it', () => {
    const user = verdict(proc('C:\\Windows\\System32\\schtasks.exe', 'schtasks /create /tn Upd /sc onlogon /tr "C:\\Tools\\code.exe tunnel --accept-server-license-terms"'));
    const system = verdict(proc('C:\\Windows\\System32\\schtasks.exe', 'schtasks /create /tn Upd /sc onlogon /ru SYSTEM /tr "C:\\Tools\\code.exe tunnel --accept-server-license-terms"'));
    expect(user.activity).toBe('persistence');
    expect(user.techniques).toContain('T1053.005');
    expect(system.score).toBeGreaterThan(user.score);
  });

  test('schtasks /tr with escaped inner quotes around a path with spaces', () => {
    const v = verdict(proc('C:\\Windows\\System32\\schtasks.exe', 'schtasks.exe /Create /TN x /SC DAILY /TR "\\"C:\\Program Files\\Microsoft VS Code\\bin\\code-tunnel.exe\\" tunnel service internal-run"'));
    expect(v.activity).toBe('persistence');
  });

  test('4698 TaskContent: Command and Arguments are joined and read by the grammar (seed scenario 3)', () => {
    const content = task('C:\\NonExistent\\code.exe', 'tunnel --accept-server-license-terms --name persist');
    const v = verdict({ EventCode: '4698', TaskName: '\\Updater', TaskContent: content });
    expect(v.activity).toBe('persistence');
    expect(v.techniques).toContain('T1053.005');
    expect(v.score).toBeGreaterThanOrEqual(50);
  });

  test('4698 TaskContent arriving entity-escaped (nxlog/HELK) is unescaped once', () => {
    const content = escapeXml(task('C:\\NonExistent\\code.exe', 'tunnel'));
    expect(content.startsWith('&lt;?xml')).toBe(true);
    expect(verdict({ EventCode: '4698', TaskContent: content }).activity).toBe('persistence');
  });

  test('a task running as SYSTEM (S-1-5-18) scores higher', () => {
    const user = verdict({ EventCode: '4698', TaskContent: task('C:\\x\\code.exe', 'tunnel') }).score;
    const system = verdict({ EventCode: '4698', TaskContent: task('C:\\x\\code.exe', 'tunnel', 'S-1-5-18') }).score;
    expect(system).toBeGreaterThan(user);
  });

  test('4702 TaskContentNew is read too; tasks without a tunnel and malformed XML score 0', () => {
    expect(verdict({ EventCode: '4702', TaskContentNew: task('C:\\x\\code-tunnel.exe', 'tunnel service internal-run') }).score).toBeGreaterThan(0);
    expect(verdict({ EventCode: '4698', TaskContent: task('C:\\Windows\\System32\\defrag.exe', '-c -h -o') }).score).toBe(0);
    expect(verdict({ EventCode: '4698', TaskContent: '<Task><Actions><Exec><Command>code tunnel' }).score).toBe(0);
  });

  test('parseTaskContent returns every Exec action and the principal', () => {
    const parsed = parseTaskContent(task('%LOCALAPPDATA%\\x\\code.exe', 'tunnel', 'S-1-5-18'));
    expect(parsed).toEqual({ actions: [{ command: '%LOCALAPPDATA%\\x\\code.exe', arguments: 'tunnel' }], userId: 'S-1-5-18', uri: '\\Updater' });
    expect(parseTaskContent('not xml')).toBeUndefined();
  });
});

describe('services (4697 / 7045)', () => {
  test('a service whose ImagePath is a tunnel command is persistence with T1543.003', () => {
    const v = verdict({ EventCode: '7045', ServiceName: 'WinUpdate', ImagePath: 'C:\\ProgramData\\code.exe tunnel service internal-run', AccountName: 'LocalSystem' });
    expect(v.activity).toBe('persistence');
    expect(v.techniques).toContain('T1543.003');
    expect(v.score).toBeGreaterThanOrEqual(75);
  });

  test('the legacy service name code_tunnel counts on its own (4697 ServiceFileName)', () => {
    expect(verdict({ EventCode: '4697', ServiceName: 'code_tunnel', ServiceFileName: 'C:\\x\\unknown.exe' }).score).toBeGreaterThanOrEqual(50);
  });

  test('other services score 0', () => {
    expect(verdict({ EventCode: '7045', ServiceName: 'PSEXESVC', ImagePath: '%SystemRoot%\\PSEXESVC.exe' }).score).toBe(0);
  });

  test('sc create binPath= <tunnel> from a process event', () => {
    const v = verdict(proc('C:\\Windows\\System32\\sc.exe', 'sc.exe create WinSvc binPath= "C:\\ProgramData\\code-tunnel.exe tunnel service internal-run" start= auto'));
    expect(v.techniques).toContain('T1543.003');
  });
});

describe('Linux systemd unit (T1543.002)', () => {
  test('the CLI writing ~/.config/systemd/user/code-tunnel.service is persistence', () => {
    const v = verdict({ EventCode: '11', TargetFilename: '/home/u/.config/systemd/user/code-tunnel.service', Image: '/home/u/bin/code' });
    expect(v.activity).toBe('persistence');
    expect(v.techniques).toContain('T1543.002');
    expect(v.tool).toBe('vscode');
  });

  test('another writer raises it; unrelated units score 0', () => {
    const byCli = verdict({ EventCode: '11', TargetFilename: '/home/u/.config/systemd/user/code-tunnel.service', Image: '/home/u/bin/code' }).score;
    const byShell = verdict({ EventCode: '11', TargetFilename: '/etc/systemd/system/code-tunnel.service', Image: '/usr/bin/tee' }).score;
    expect(byShell).toBeGreaterThan(byCli);
    expect(verdict({ EventCode: '11', TargetFilename: '/etc/systemd/system/ssh-tunnel.service', Image: '/usr/bin/tee' }).score).toBe(0);
    expect(verdict({ EventCode: '11', TargetFilename: '/etc/systemd/system/cloudflared.service', Image: '/usr/bin/tee' }).score).toBe(0);
  });

  test('systemctl --user enable code-tunnel.service', () => {
    expect(verdict(proc('/usr/bin/systemctl', 'systemctl --user enable --now code-tunnel.service')).activity).toBe('persistence');
    expect(verdict(proc('/usr/bin/systemctl', 'systemctl status code-tunnel.service')).score).toBe(0);
  });

  test('nssm install <name> <tunnel> is a service', () => {
    const v = verdict(proc('C:\\tools\\nssm.exe', 'nssm.exe install VSUpdate C:\\ProgramData\\code.exe tunnel --accept-server-license-terms'));
    expect(v.techniques).toContain('T1543.003');
  });
});

