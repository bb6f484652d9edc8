/**
 * Static checks of the Windows launcher (app/windows_x86_64/bin/): there is no Windows here, so
 * these read the batch and PowerShell files instead of running them. They catch the mistakes
 * that break a batch file silently: a jump to a missing label, LF-only line ends (cmd.exe
 * misreads labels and blocks in LF files), and output on stdout, which belongs to the protocol.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT } from './support/appPackage';

const dir = join(REPO_ROOT, 'app', 'windows_x86_64', 'bin');
const cmdText = readFileSync(join(dir, 'idetunnelscore.cmd'), 'latin1');
const ps1Text = readFileSync(join(dir, 'idetunnelscore-error.ps1'), 'latin1');
const cmdLines = cmdText.split('\r\n');
/** Lines that cmd.exe executes (not comments, not labels). */
const statements = cmdLines.map((l) => l.trim()).filter((l) => l !== '' && !/^rem\b/i.test(l) && !l.startsWith(':'));

describe('Windows launcher (static)', () => {
  test.each([
    ['idetunnelscore.cmd', cmdText],
    ['idetunnelscore-error.ps1', ps1Text],
  ])('%s has CRLF line ends only and ends with one', (_name, text) => {
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  test('starts with @echo off so that no command is echoed to stdout', () => {
    expect(cmdLines[0]).toBe('@echo off');
  });

  test('every goto/call target is a label in the file', () => {
    const labels = new Set(cmdLines.filter((l) => /^:[A-Za-z_]/.test(l)).map((l) => l.slice(1).trim().toLowerCase()));
    const targets = [...cmdText.matchAll(/\b(?:goto|call)\s+:([A-Za-z_][\w]*)/gi)].map((m) => m[1].toLowerCase());
    expect(targets.length).toBeGreaterThan(10);
    expect(targets.filter((t) => t !== 'eof' && !labels.has(t))).toEqual([]);
  });

  test('writes nothing to stdout: every echo is piped or redirected', () => {
    const echoes = statements.filter((l) => /(^|[\s&(])echo[\s.(]/i.test(l) && !/^@echo off$/i.test(l));
    expect(echoes.filter((l) => !/\|/.test(l) && !/>\s*nul/i.test(l))).toEqual([]);
  });

  test('sets the error message before every jump to :fail, and :fail runs the PowerShell reply writer', () => {
    const lines = statements;
    lines.forEach((line, i) => {
      if (/^goto :fail$/i.test(line)) expect(lines[i - 1]).toMatch(/^set "IDETUNNEL_ERROR=IDE Tunnel Detection /);
    });
    const failAt = cmdLines.indexOf(':fail');
    expect(failAt).toBeGreaterThan(0);
    expect(cmdLines.slice(failAt, failAt + 4).join('\n')).toMatch(/powershell\.exe" .*-File "%~dp0idetunnelscore-error\.ps1"\n\s*exit \/b 1/);
    expect(ps1Text).toContain('$env:IDETUNNEL_ERROR');
  });

  test('passes all arguments to node and exits with its status', () => {
    expect(statements).toContain('"%NODE%" "%ENTRY%" %*');
    expect(statements[statements.indexOf('"%NODE%" "%ENTRY%" %*') + 1]).toBe('exit /b %ERRORLEVEL%');
  });

  test('the PowerShell writer frames its reply as the Linux launcher does (header, stateful, ERROR message)', () => {
    expect(ps1Text).toContain('"chunked 1.0,$($body.Length),0`n"');
    expect(ps1Text).toContain(`'{"type":"stateful","inspector":{"messages":[["ERROR","' + $escaped + '"]]}}'`);
    expect(ps1Text).toContain('New-Object System.Text.UTF8Encoding($false)');
    expect(ps1Text).toMatch(/exit 1\r\n$/);
  });
});
