import { accountMatch, parentMatch } from '../../src/detection/context';
import { runLocation } from '../../src/detection/paths';
import { proc, verdict } from '../helpers/verdict';

describe('run location', () => {
  test.each([
    ['C:\\Users\\a\\AppData\\Local\\Temp\\code.exe', 'temp'],
    ['C:\\Windows\\Temp\\x\\code.exe', 'temp'],
    ['/tmp/code', 'temp'],
    ['/dev/shm/.x/code', 'temp'],
    ['/var/tmp/code', 'temp'],
    ['C:\\Users\\a\\Downloads\\code.exe', 'user-writable'],
    ['C:\\Users\\Public\\code.exe', 'user-writable'],
    ['C:\\ProgramData\\code.exe', 'user-writable'],
    ['C:\\Program Files\\Microsoft VS Code\\bin\\code-tunnel.exe', 'install'],
    ['C:\\Users\\a\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', 'install'],
    ['/usr/share/code/bin/code-tunnel', 'install'],
    ['/snap/code/150/usr/share/code/code', 'install'],
    ['C:\\Tools\\code.exe', 'other'],
    ['/home/u/bin/code', 'other'],
    ['/home/u/tmpfiles/code', 'other'],
  ])('%s is %s', (path, expected) => {
    expect(runLocation(path)).toBe(expected);
  });

  test('the same tunnel scores temp > user-writable > other > install', () => {
    const score = (image: string) => verdict(proc(image, 'code.exe tunnel')).score;
    const temp = score('C:\\Users\\a\\AppData\\Local\\Temp\\code.exe');
    const writable = score('C:\\Users\\a\\Downloads\\code.exe');
    const other = score('C:\\Tools\\code.exe');
    const install = score('C:\\Program Files\\Microsoft VS Code\\bin\\code.exe');
    expect(temp).toBeGreaterThan(writable);
    expect(writable).toBeGreaterThan(other);
    expect(other).toBeGreaterThan(install);
  });
});

describe('parent', () => {
  test.each([
    ['C:\\Windows\\System32\\wscript.exe', '', 'parent.script-host'],
    ['C:\\Windows\\System32\\mshta.exe', '', 'parent.script-host'],
    ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell -enc SQBFAFgA', 'parent.script-host'],
    ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell -EncodedCommand SQBFAFgA', 'parent.script-host'],
    ['C:\\Windows\\System32\\cmd.exe', 'cmd /c C:\\Users\\Public\\run.bat', 'parent.batch'],
    ['C:\\Windows\\PSEXESVC.exe', '', 'parent.remote-exec'],
    ['C:\\Windows\\System32\\wbem\\WmiPrvSE.exe', '', 'parent.remote-exec'],
    ['C:\\Program Files\\Velociraptor\\Velociraptor.exe', '', 'parent.remote-exec'],
    ['C:\\Windows\\System32\\services.exe', '', 'parent.scheduler'],
    ['C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule', 'parent.scheduler'],
    ['C:\\Windows\\System32\\taskhostw.exe', '', 'parent.scheduler'],
    ['/usr/sbin/cron', '/usr/sbin/cron -f', 'parent.scheduler'],
    ['C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', '', 'parent.office'],
    ['C:\\Program Files\\Microsoft VS Code\\Code.exe', '"C:\\Program Files\\Microsoft VS Code\\Code.exe" --type=utility', 'parent.ide'],
    ['C:\\Windows\\explorer.exe', '', 'parent.explorer'],
    ['C:\\Windows\\System32\\inetsrv\\w3wp.exe', '', 'parent.server-process'],
    ['C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe', '', 'parent.server-process'],
    ['C:\\tools\\nssm.exe', '', 'parent.scheduler'],
  ])('%s %s -> %s', (image, line, id) => {
    expect(parentMatch(image, line)?.id).toBe(id);
  });

  test('plain PowerShell, cmd without a batch file, and the CLI hop are neutral', () => {
    expect(parentMatch('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe')).toBeUndefined();
    expect(parentMatch('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -ExecutionPolicy Bypass')).toBeUndefined();
    expect(parentMatch('C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c dir')).toBeUndefined();
    expect(parentMatch('C:\\x\\Code.exe', '"C:\\x\\Code.exe" "C:\\x\\resources\\app\\out\\cli.js" tunnel')).toBeUndefined();
  });

  test('a terminal inside VS Code (shell integration in the parent command line) lowers the score', () => {
    const pwsh = 'C:\\Program Files\\PowerShell\\7\\pwsh.exe';
    const integrated = `${pwsh} -noexit -command "try { . \\"c:\\Users\\a\\AppData\\Local\\Programs\\Microsoft VS Code\\resources\\app\\out\\vs\\workbench\\contrib\\terminal\\common\\scripts\\shellIntegration.ps1\\" } catch {}"`;
    expect(parentMatch(pwsh, integrated)?.id).toBe('parent.ide-terminal');
    const inIde = verdict(proc('C:\\Tools\\code.exe', 'code tunnel', { ParentImage: pwsh, ParentCommandLine: integrated })).score;
    const alone = verdict(proc('C:\\Tools\\code.exe', 'code tunnel', { ParentImage: pwsh, ParentCommandLine: pwsh })).score;
    expect(inIde).toBeLessThan(alone);
  });
});

describe('account', () => {
  test.each([
    ['NT AUTHORITY\\SYSTEM', 'account.system'],
    ['S-1-5-18', 'account.system'],
    ['LocalSystem', 'account.system'],
    ['NT AUTHORITY\\NETWORK SERVICE', 'account.service'],
    ['NT AUTHORITY\\LOCAL SERVICE', 'account.service'],
    ['CORP\\WS01$', 'account.machine'],
    ['root', 'account.root'],
  ])('%s -> %s', (user, id) => {
    expect(accountMatch(user)?.id).toBe(id);
  });

  test('ordinary users are neutral', () => {
    expect(accountMatch('CORP\\alice')).toBeUndefined();
    expect(accountMatch('systemadmin')).toBeUndefined();
    expect(accountMatch('')).toBeUndefined();
  });
});

describe('context alone never scores', () => {
  test('a SYSTEM process in a temp folder started by wscript without tunnel grammar scores 0', () => {
    expect(verdict(proc('C:\\Windows\\Temp\\x.exe', 'x.exe /run', { ParentImage: 'C:\\Windows\\System32\\wscript.exe', User: 'NT AUTHORITY\\SYSTEM' })).score).toBe(0);
  });
});

describe('explorer as parent', () => {
  test('lowers an interactive tunnel but not the tunnel service that a Run key starts at logon', () => {
    const tunnel = 'C:\\Program Files\\Microsoft VS Code\\bin\\code-tunnel.exe';
    const explorer = { ParentImage: 'C:\\Windows\\explorer.exe' };
    const host = verdict(proc(tunnel, 'code-tunnel.exe tunnel', explorer));
    const service = verdict(proc(tunnel, 'code-tunnel.exe tunnel service internal-run', explorer));
    expect(host.reasons.join('\n')).toContain('Explorer');
    expect(service.reasons.join('\n')).not.toContain('Explorer');
  });
});
