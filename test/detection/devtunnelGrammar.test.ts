import { proc, verdict } from '../helpers/verdict';

const DT = 'C:\\Users\\dev\\AppData\\Local\\Microsoft\\WinGet\\Links\\devtunnel.exe'; // winget install Microsoft.devtunnel

describe('devtunnel grammar (learn.microsoft.com/azure/developer/dev-tunnels/cli-commands)', () => {
  test('host alerts; anonymous access (-a / --allow-anonymous) raises it', () => {
    const host = verdict(proc(DT, 'devtunnel.exe host -p 8080'));
    expect(host.activity).toBe('tunnel-host');
    expect(host.tool).toBe('devtunnel');
    expect(host.score).toBeGreaterThanOrEqual(50);
    for (const flag of ['-a', '--allow-anonymous']) {
      expect(verdict(proc(DT, `devtunnel.exe host -p 8080 ${flag}`)).score).toBeGreaterThan(host.score);
    }
  });

  test('create -a and access create --anonymous alert; port create and plain create are low', () => {
    expect(verdict(proc(DT, 'devtunnel create -a')).score).toBeGreaterThanOrEqual(50);
    expect(verdict(proc(DT, 'devtunnel access create mytunnel -p 3000 --anonymous')).score).toBeGreaterThanOrEqual(50);
    const port = verdict(proc(DT, 'devtunnel port create mytunnel -p 3000'));
    expect(port.activity).toBe('port-forward');
    expect(port.score).toBeLessThan(50);
    expect(verdict(proc(DT, 'devtunnel create mytunnel')).score).toBeLessThan(50);
  });

  test('user login: device code (-d) and managed identity (--mi-client-id) raise it', () => {
    const plain = verdict(proc(DT, 'devtunnel user login'));
    expect(plain.activity).toBe('login');
    expect(verdict(proc(DT, 'devtunnel user login -g -d')).score).toBeGreaterThan(plain.score);
    expect(verdict(proc(DT, 'devtunnel user login --mi-client-id 0000-1111')).score).toBeGreaterThan(plain.score);
  });

  test.each(['list', 'show mytunnel', 'delete mytunnel', 'token mytunnel --scopes connect', 'user show', 'access list mytunnel', '--version'])(
    'housekeeping `devtunnel %s` stays below low',
    (args) => {
      const v = verdict(proc(DT, `devtunnel ${args}`));
      expect(v.score).toBeLessThan(25);
    },
  );

  test('a renamed devtunnel is recognised by --allow-anonymous; `host` the DNS tool is not', () => {
    const renamed = verdict(proc('C:\\Users\\Public\\svc.exe', 'svc.exe host -p 3389 --allow-anonymous'));
    expect(renamed.tool).toBe('devtunnel');
    expect(renamed.score).toBeGreaterThanOrEqual(75);
    expect(verdict(proc('/usr/bin/host', 'host -a example.com')).score).toBe(0);
    expect(verdict(proc('/usr/bin/host', 'host -t txt tunnels.example.com')).score).toBe(0);
  });
});

describe('devtunnel remote-access ports', () => {
  test('publishing RDP/SSH/WinRM raises the score; web ports do not', () => {
    const web = verdict(proc(DT, 'devtunnel host -p 8080')).score;
    for (const args of ['host -p 3389', 'host --port-numbers 22', 'host -p 8080 5985', 'host -p=3389', 'port create mytunnel -p 3389']) {
      const v = verdict(proc(DT, `devtunnel ${args}`));
      expect(v.reasons.join('\n')).toContain('remote-access port');
    }
    expect(verdict(proc(DT, 'devtunnel host -p 3389')).score).toBeGreaterThan(web);
  });
});


describe('devtunnel shorthands', () => {
  test('`devtunnel login` is `devtunnel user login` (documented shorthand); `logout` is housekeeping', () => {
    const v = verdict(proc(DT, 'devtunnel login --mi-client-id 0000-1111'));
    expect(v.activity).toBe('login');
    expect(v.reasons.join('\n')).toContain('managed identity');
    expect(verdict(proc(DT, 'devtunnel logout')).activity).toBe('housekeeping');
  });
});
