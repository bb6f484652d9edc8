import { proc, verdict } from '../helpers/verdict';

const INSTALL = 'C:\\Users\\dev\\AppData\\Local\\Programs\\Microsoft VS Code';
const CODE_EXE = `${INSTALL}\\Code.exe`;
const CLI_JS = `${INSTALL}\\resources\\app\\out\\cli.js`;
const TUNNEL_EXE = `${INSTALL}\\bin\\code-tunnel.exe`;

describe('VS Code CLI grammar', () => {
  test('`code tunnel` hosts a tunnel and alerts at the default threshold, with the seed scenario 1 command line', () => {
    const v = verdict(proc('C:\\Tools\\code.exe', 'code.exe tunnel --accept-server-license-terms --name test-tunnel'));
    expect(v.activity).toBe('tunnel-host');
    expect(v.tool).toBe('vscode');
    expect(v.score).toBeGreaterThanOrEqual(50);
    expect(v.techniques).toEqual(['T1219.001']);
  });

  test('global flags before the subcommand do not hide it (--cli-data-dir X, --verbose, --log trace)', () => {
    for (const line of [
      'code --cli-data-dir C:\\d tunnel',
      'code --verbose tunnel --name a',
      'code --log trace tunnel',
      'code --log=trace --cli-data-dir=C:\\d tunnel',
    ]) {
      expect(verdict(proc('C:\\Tools\\code.exe', line)).activity).toBe('tunnel-host');
    }
  });

  test('the desktop hop `Code.exe ...\\resources\\app\\out\\cli.js tunnel` is read as the CLI', () => {
    const v = verdict(proc(CODE_EXE, `"${CODE_EXE}" "${CLI_JS}" --ms-enable-electron-run-as-node tunnel --accept-server-license-terms`));
    expect(v.activity).toBe('tunnel-host');
    expect(v.score).toBeGreaterThanOrEqual(50);
  });

  test('the desktop hop on Linux (/usr/share/code/code .../cli.js tunnel)', () => {
    const v = verdict(proc('/usr/share/code/code', '/usr/share/code/code /usr/share/code/resources/app/out/cli.js tunnel --accept-server-license-terms'));
    expect(v.activity).toBe('tunnel-host');
  });

  test('service subcommands: install (persistence technique), internal-run, uninstall/log are housekeeping', () => {
    const install = verdict(proc(TUNNEL_EXE, 'code-tunnel.exe tunnel service install --accept-server-license-terms'));
    expect(install.activity).toBe('service-install');
    expect(install.techniques).toContain('T1547.001');
    expect(verdict(proc(TUNNEL_EXE, 'code-tunnel.exe --verbose --cli-data-dir C:\\d tunnel service internal-run')).activity).toBe('service-run');
    for (const sub of ['uninstall', 'log']) {
      const v = verdict(proc(TUNNEL_EXE, `code-tunnel.exe tunnel service ${sub}`));
      expect(v.activity).toBe('housekeeping');
      expect(v.score).toBeLessThan(25);
    }
  });

  test('user login with a provider is a login; logout/show are housekeeping', () => {
    for (const provider of ['github', 'microsoft']) {
      expect(verdict(proc('C:\\Tools\\code.exe', `code tunnel user login --provider ${provider}`)).activity).toBe('login');
    }
    expect(verdict(proc('C:\\Tools\\code.exe', 'code tunnel user show')).activity).toBe('housekeeping');
  });

  test.each(['status', 'kill', 'prune', 'restart', 'rename newname', 'unregister', 'forward-internal 3000'])(
    'housekeeping `tunnel %s` stays below low',
    (sub) => {
      const v = verdict(proc(TUNNEL_EXE, `code-tunnel.exe tunnel ${sub}`));
      expect(v.activity).toBe('housekeeping');
      expect(v.score).toBeLessThan(25);
      expect(v.score).toBeGreaterThan(0);
    },
  );

  test('housekeeping stays capped even from a temp folder as SYSTEM', () => {
    const v = verdict(proc('C:\\Windows\\Temp\\code.exe', 'code.exe tunnel status', { User: 'NT AUTHORITY\\SYSTEM' }));
    expect(v.score).toBeLessThanOrEqual(20);
  });

  test('serve-web is worse on a public host and without a connection token', () => {
    const local = verdict(proc('C:\\Tools\\code.exe', 'code serve-web --port 8000'));
    const open = verdict(proc('C:\\Tools\\code.exe', 'code serve-web --host 0.0.0.0 --without-connection-token --accept-server-license-terms'));
    expect(local.activity).toBe('serve-web');
    expect(local.score).toBeLessThan(50);
    expect(open.score).toBeGreaterThanOrEqual(75);
    expect(verdict(proc('C:\\Tools\\code.exe', 'code serve-web --host 127.0.0.1')).score).toBe(local.score);
  });

  test('Insiders and Cursor binaries report their own tool', () => {
    expect(verdict(proc('C:\\x\\code-insiders.exe', 'code-insiders tunnel')).tool).toBe('vscode-insiders');
    expect(verdict(proc('C:\\x\\code-tunnel-insiders.exe', 'code-tunnel-insiders.exe tunnel')).tool).toBe('vscode-insiders');
    expect(verdict(proc('C:\\x\\cursor-tunnel.exe', 'cursor-tunnel.exe tunnel')).tool).toBe('cursor');
    expect(verdict(proc('/usr/bin/cursor', 'cursor tunnel')).tool).toBe('cursor');
  });

  test('the desktop Remote Tunnel Access (--parent-process-id, parent Code.exe) stays below low', () => {
    const v = verdict(
      proc(TUNNEL_EXE, `"${TUNNEL_EXE}" tunnel --parent-process-id 4242 --accept-server-license-terms --log info --name my-pc`, {
        ParentImage: CODE_EXE,
        ParentCommandLine: `"${CODE_EXE}" --type=utility --utility-sub-type=node.mojom.NodeService`,
      }),
    );
    expect(v.score).toBeLessThan(25);
    expect(v.activity).toBe('housekeeping');
  });

  test('--parent-process-id does not help when the parent is not the IDE desktop', () => {
    const v = verdict(proc('C:\\Users\\Public\\code.exe', 'code.exe tunnel --parent-process-id 4 --accept-server-license-terms', { ParentImage: 'C:\\Windows\\System32\\cmd.exe' }));
    expect(v.score).toBeGreaterThanOrEqual(50);
  });

  test('the CLI hop child (parent Code.exe running cli.js) is not treated as the desktop', () => {
    const v = verdict(
      proc(TUNNEL_EXE, `"${TUNNEL_EXE}" tunnel --accept-server-license-terms`, {
        ParentImage: CODE_EXE,
        ParentCommandLine: `"${CODE_EXE}" "${CLI_JS}" tunnel --accept-server-license-terms`,
      }),
    );
    expect(v.score).toBeGreaterThanOrEqual(50);
  });

  test('desktop processes and the editor opening folders or files score 0', () => {
    for (const line of [
      `"${CODE_EXE}" --type=renderer --field-trial-handle=1 --lang=en-US`,
      `"${CODE_EXE}" C:\\src\\tunnel-service`,
      `"${CODE_EXE}" --status`,
      `"${CODE_EXE}" C:\\projects\\tunnel`,
      `"${CODE_EXE}" --install-extension ms-vscode.remote-server`,
    ]) {
      expect(verdict(proc(CODE_EXE, line)).score).toBe(0);
    }
  });

  test('existing-tunnel options raise a host', () => {
    const plain = verdict(proc('C:\\Tools\\code.exe', 'code tunnel --name a'));
    const joined = verdict(proc('C:\\Tools\\code.exe', 'code tunnel --tunnel-id abc --host-token xyz --name a'));
    expect(joined.score).toBeGreaterThan(plain.score);
  });
});

describe('renamed binaries', () => {
  test('the grammar applies to any image name when the shape is unmistakable', () => {
    const v = verdict(proc('C:\\Users\\Public\\Music\\update.exe', 'update.exe tunnel --accept-server-license-terms --name x'));
    expect(v.activity).toBe('tunnel-host');
    expect(v.reasons.join('\n')).toContain('renamed binary');
    expect(v.score).toBeGreaterThanOrEqual(75);
  });

  test('a bare `tunnel` on an unknown program counts only from a temp or user-writable folder, and only with VS Code options', () => {
    expect(verdict(proc('C:\\Users\\u\\AppData\\Local\\Temp\\x9.exe', 'C:\\Users\\u\\AppData\\Local\\Temp\\x9.exe tunnel')).activity).toBe('tunnel-host');
    expect(verdict(proc('C:\\Users\\Public\\a.exe', 'a.exe tunnel --name box')).activity).toBe('tunnel-host');
    expect(verdict(proc('C:\\Tools\\mytool.exe', 'mytool.exe tunnel')).score).toBe(0);
    expect(verdict(proc('C:\\Users\\u\\Downloads\\cloudflared.exe', 'cloudflared.exe tunnel')).score).toBe(0);
    expect(verdict(proc('C:\\Users\\u\\Downloads\\x.exe', 'x.exe tunnel --url http://localhost:8080')).score).toBe(0);
    expect(verdict(proc('/tmp/go-build1/b001/exe/main', '/tmp/go-build1/b001/exe/main tunnel --config dev.yaml')).score).toBe(0);
  });

  test('other programs with a `tunnel` word are not read as the VS Code CLI (cloudflared, ssh, ngrok)', () => {
    for (const [image, line] of [
      ['C:\\Program Files\\cloudflared\\cloudflared.exe', 'cloudflared.exe tunnel --url http://localhost:8080'],
      ['/usr/local/bin/cloudflared', 'cloudflared tunnel run --token abc'],
      ['/usr/local/bin/cloudflared', 'cloudflared tunnel login'],
      ['C:\\Tools\\ngrok.exe', 'ngrok.exe tunnel --label edge=x http://localhost:80'],
      ['/usr/bin/ssh', 'ssh -N -L 8080:localhost:80 tunnel@bastion'],
    ]) {
      expect(verdict(proc(image, line)).score).toBe(0);
    }
  });

  test('OriginalFileName of a tool binary on another image name is a renamed binary, and its grammar applies', () => {
    const v = verdict(proc('C:\\ProgramData\\svc.exe', 'svc.exe tunnel', { OriginalFileName: 'code-tunnel.exe' }));
    expect(v.activity).toBe('tunnel-host');
    expect(v.reasons.join('\n')).toContain('OriginalFileName');
    const dt = verdict(proc('C:\\ProgramData\\host.exe', 'host.exe host -p 3389', { OriginalFileName: 'devtunnel.dll' }));
    expect(dt.tool).toBe('devtunnel');
    expect(dt.score).toBeGreaterThanOrEqual(75);
  });

  test('the Electron binary running the CLI script under another name is renamed', () => {
    const v = verdict(proc('C:\\Users\\Public\\update.exe', 'update.exe C:\\Users\\Public\\resources\\app\\out\\cli.js tunnel'));
    expect(v.reasons.join('\n')).toContain('renamed binary');
  });

  test('a matching OriginalFileName is not a signal', () => {
    const v = verdict(proc('C:\\Tools\\devtunnel.exe', 'devtunnel.exe host -p 3000', { OriginalFileName: 'devtunnel.dll' }));
    expect(v.reasons.join('\n')).not.toContain('OriginalFileName');
  });
});

describe('nested command lines', () => {
  test('cmd /c, start, PowerShell Start-Process and bash -c carry the grammar', () => {
    expect(verdict(proc('C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c "C:\\Users\\a\\Downloads\\code.exe tunnel --accept-server-license-terms"')).activity).toBe('tunnel-host');
    expect(verdict(proc('C:\\Windows\\System32\\cmd.exe', 'cmd /c start "" /b C:\\x\\code.exe tunnel')).activity).toBe('tunnel-host');
    expect(
      verdict(
        proc(
          'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
          'powershell.exe -w hidden -c Start-Process -FilePath C:\\x\\code.exe -ArgumentList "tunnel --accept-server-license-terms"',
        ),
      ).activity,
    ).toBe('tunnel-host');
    expect(verdict(proc('/bin/bash', "bash -c 'nohup /tmp/code tunnel --accept-server-license-terms > /dev/null 2>&1 &'")).activity).toBe('tunnel-host');
  });

  test('a launcher hiding its window raises the score of the nested tunnel', () => {
    const plain = verdict(proc('C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c C:\\x\\code.exe tunnel'));
    const hidden = verdict(proc('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -WindowStyle Hidden -c C:\\x\\code.exe tunnel'));
    expect(hidden.score).toBeGreaterThan(plain.score);
  });
});

describe('what the CLI would refuse or only prints help', () => {
  test('an unknown word after `tunnel` starts no tunnel (file names, folders called code/tunnel)', () => {
    expect(verdict(proc('C:\\Windows\\notepad.exe', 'notepad.exe "C:\\docs\\code tunnel notes.txt"')).score).toBe(0);
    expect(verdict(proc('C:\\Tools\\code.exe', 'code tunnel notes.txt')).score).toBe(0);
    expect(verdict(proc('/usr/bin/vim', 'vim /home/u/code tunnel.md')).score).toBe(0);
  });

  test('an option value we do not know does not hide the host', () => {
    expect(verdict(proc('C:\\Tools\\code.exe', 'code tunnel --some-future-option value')).activity).toBe('tunnel-host');
  });

  test('--help and --version are housekeeping', () => {
    expect(verdict(proc('C:\\Tools\\code.exe', 'code tunnel --help')).activity).toBe('housekeeping');
    expect(verdict(proc('C:\\Tools\\code.exe', 'code serve-web -h')).score).toBe(0);
  });

  test('shell redirections and control operators end the arguments', () => {
    expect(verdict(proc('/bin/sh', 'sh -c "/tmp/code tunnel > /tmp/log 2>&1 && echo ok"')).activity).toBe('tunnel-host');
    expect(verdict(proc('C:\\Windows\\System32\\cmd.exe', 'cmd /c C:\\x\\code.exe tunnel status & exit')).activity).toBe('housekeeping');
  });

  test('login run by the desktop (parent Code.exe, --access-token) stays below low', () => {
    const v = verdict(
      proc(TUNNEL_EXE, `"${TUNNEL_EXE}" tunnel user login --provider github --access-token gho_x --log info`, {
        ParentImage: CODE_EXE,
        ParentCommandLine: `"${CODE_EXE}"`,
      }),
    );
    expect(v.score).toBeLessThan(25);
  });
});


describe('PowerShell -EncodedCommand', () => {
  const encode = (script: string) => Buffer.from(script, 'utf16le').toString('base64');
  const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

  test('the decoded script is read as a command line', () => {
    for (const option of ['-EncodedCommand', '-enc', '-e', '-ec']) {
      const v = verdict(proc(PS, `powershell.exe -nop -w hidden ${option} ${encode("Start-Process 'C:\\Users\\Public\\code.exe' -ArgumentList 'tunnel','--accept-server-license-terms'")}`));
      expect(v.activity).toBe('tunnel-host');
      expect(v.score).toBeGreaterThanOrEqual(75);
    }
  });

  test('encoded scripts without a tunnel, invalid base64 and -ExecutionPolicy score 0', () => {
    expect(verdict(proc(PS, `powershell.exe -enc ${encode('Get-Process | Out-File C:\\x.txt')}`)).score).toBe(0);
    expect(verdict(proc(PS, 'powershell.exe -enc not*base64')).score).toBe(0);
    expect(verdict(proc(PS, 'powershell.exe -ExecutionPolicy Bypass -File C:\\x.ps1')).score).toBe(0);
  });
});

describe('tool names in text are not invocations', () => {
  test.each([
    ['C:\\Program Files\\Git\\cmd\\git.exe', 'git.exe commit -m "code tunnel"'],
    ['C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c echo code tunnel'],
    ['C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c findstr /s "code tunnel" *.md'],
    ['C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -c Write-Host "run: code tunnel"'],
    ['/bin/bash', "bash -c 'grep -r \"code tunnel\" docs/'"],
    ['C:\\Program Files\\nodejs\\node.exe', 'node.exe C:\\Users\\dev\\AppData\\Roaming\\npm\\node_modules\\yarn\\bin\\yarn.js serve-web'],
    ['C:\\Users\\dev\\AppData\\Roaming\\npm\\yarn.cmd', 'yarn serve-web --port 3000'],
    ['C:\\Windows\\notepad.exe', 'notepad.exe code tunnel.txt'],
  ])('%s %s scores 0', (image, line) => {
    expect(verdict(proc(image, line)).score).toBe(0);
  });

  test('a command after a control operator is still read (cd x && code tunnel)', () => {
    expect(verdict(proc('C:\\Windows\\System32\\cmd.exe', 'cmd.exe /c "cd /d C:\\x && echo start & code.exe tunnel"')).activity).toBe('tunnel-host');
  });
});

