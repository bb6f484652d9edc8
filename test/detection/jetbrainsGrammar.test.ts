import { proc, verdict } from '../helpers/verdict';

describe('JetBrains', () => {
  test('remote-dev-server run hosts an IDE backend (.sh, .bat, through cmd)', () => {
    const sh = verdict(proc('/opt/idea/bin/remote-dev-server.sh', '/opt/idea/bin/remote-dev-server.sh run /home/u/project --ssh-link-host example'));
    expect(sh.activity).toBe('tunnel-host');
    expect(sh.tool).toBe('jetbrains');
    expect(sh.score).toBeGreaterThanOrEqual(25);
    const bat = verdict(proc('C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c "C:\\Users\\Public\\idea\\bin\\remote-dev-server.bat" run C:\\src'));
    expect(bat.activity).toBe('tunnel-host');
    expect(bat.score).toBeGreaterThan(sh.score);
  });

  test('a backend Gateway installed in ~/.cache/JetBrains/RemoteDev/dist stays below the default threshold', () => {
    const v = verdict(proc('/home/u/.cache/JetBrains/RemoteDev/dist/abc_ideaIU-2024.1/bin/remote-dev-server.sh', '/home/u/.cache/JetBrains/RemoteDev/dist/abc_ideaIU-2024.1/bin/remote-dev-server.sh run /home/u/proj'));
    expect(v.activity).toBe('tunnel-host');
    expect(v.score).toBeLessThan(50);
  });

  test('remote-dev-server housekeeping and the Gateway client stay below low', () => {
    expect(verdict(proc('/opt/idea/bin/remote-dev-server.sh', 'remote-dev-server.sh status')).score).toBeLessThan(25);
    const gw = verdict(proc('C:\\Users\\u\\AppData\\Local\\JetBrains\\Toolbox\\apps\\Gateway\\bin\\gateway64.exe', 'gateway64.exe'));
    expect(gw.tool).toBe('jetbrains');
    expect(gw.score).toBeLessThan(25);
  });

  test('JetBrains IDEs themselves and paths containing "idea" or "gateway" score 0', () => {
    expect(verdict(proc('C:\\Program Files\\JetBrains\\IntelliJ IDEA 2024.1\\bin\\idea64.exe', 'idea64.exe C:\\src\\ideas')).score).toBe(0);
    expect(verdict(proc('C:\\Program Files\\Acme\\gateway.exe', 'gateway.exe --port 443')).score).toBe(0);
  });
});
