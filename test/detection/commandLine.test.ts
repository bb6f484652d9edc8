import { pathStyle, splitCommandLine, splitPosixCommandLine, splitWindowsCommandLine } from '../../src/detection/commandLine';

describe('splitWindowsCommandLine (CommandLineToArgvW rules)', () => {
  // Examples from Microsoft's "Parsing C++ command-line arguments" table (argv[1..]), with a program name in front.
  test.each([
    ['"a b c" d e', ['a b c', 'd', 'e']],
    ['"ab\\"c" "\\\\" d', ['ab"c', '\\', 'd']],
    ['a\\\\\\b d"e f"g h', ['a\\\\\\b', 'de fg', 'h']],
    ['a\\\\\\"b c d', ['a\\"b', 'c', 'd']],
    ['a\\\\\\\\"b c" d e', ['a\\\\b c', 'd', 'e']],
    ['a"b"" c d', ['ab"', 'c', 'd']],
  ])('documented example %s', (args, expected) => {
    expect(splitWindowsCommandLine(`prog.exe ${args}`).slice(1)).toEqual(expected);
  });

  test('argv[0] in quotes keeps backslashes literally and ends at the next quote', () => {
    expect(splitWindowsCommandLine('"C:\\Program Files\\Microsoft VS Code\\Code.exe" "C:\\x\\cli.js" tunnel')).toEqual([
      'C:\\Program Files\\Microsoft VS Code\\Code.exe',
      'C:\\x\\cli.js',
      'tunnel',
    ]);
  });

  test('an unquoted argv[0] ends at the first blank, even with a backslash-quote in it', () => {
    expect(splitWindowsCommandLine('C:\\x\\a\\"b c')[0]).toBe('C:\\x\\a\\"b');
  });

  test('leading and trailing blanks and tabs are ignored; empty lines give no arguments', () => {
    expect(splitWindowsCommandLine('  code.exe\t tunnel  ')).toEqual(['code.exe', 'tunnel']);
    expect(splitWindowsCommandLine('   ')).toEqual([]);
  });

  test('an empty quoted argument is kept', () => {
    expect(splitWindowsCommandLine('cmd /c start "" /b code tunnel')).toEqual(['cmd', '/c', 'start', '', '/b', 'code', 'tunnel']);
  });

  test('an unterminated quote runs to the end of the line', () => {
    expect(splitWindowsCommandLine('schtasks /tr "C:\\x\\code.exe tunnel')).toEqual(['schtasks', '/tr', 'C:\\x\\code.exe tunnel']);
  });
});

describe('splitPosixCommandLine', () => {
  test('single quotes are literal, double quotes keep blanks and honour \\" and \\\\', () => {
    expect(splitPosixCommandLine(`bash -c 'nohup ./code tunnel &' "a \\"b\\" \\n"`)).toEqual(['bash', '-c', 'nohup ./code tunnel &', 'a "b" \\n']);
  });
  test('a backslash outside quotes escapes the next character', () => {
    expect(splitPosixCommandLine('/opt/my\\ tools/code tunnel')).toEqual(['/opt/my tools/code', 'tunnel']);
  });
  test('Sysmon for Linux style (argv joined by spaces) splits on blanks', () => {
    expect(splitPosixCommandLine('/usr/share/code/bin/code-tunnel tunnel --accept-server-license-terms')).toHaveLength(3);
  });
});

describe('style choice', () => {
  test('POSIX for absolute POSIX image paths, Windows otherwise', () => {
    expect(pathStyle('/usr/bin/code')).toBe('posix');
    expect(pathStyle('C:\\x\\code.exe')).toBe('windows');
    expect(pathStyle('code.exe')).toBe('windows');
    expect(splitCommandLine("code tunnel --name 'a b'", '/usr/bin/code')).toEqual(['code', 'tunnel', '--name', 'a b']);
    expect(splitCommandLine("code tunnel --name 'a b'", 'C:\\code.exe')).toEqual(['code', 'tunnel', '--name', "'a", "b'"]);
  });
});

describe('linear time', () => {
  test('pathological inputs (long runs of backslashes, quotes, blanks) finish quickly', () => {
    const started = Date.now();
    for (const piece of ['\\', '"', '\\"', ' ', "'", '\\\\"']) {
      const line = `x ${piece.repeat(200_000)}`;
      splitWindowsCommandLine(line);
      splitPosixCommandLine(line);
    }
    expect(Date.now() - started).toBeLessThan(20_000); // hang bound only
  });
});

describe('scoring stays linear on adversarial command lines', () => {
  test('many tool names, quotes and nested launchers finish quickly', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { verdict, proc } = require('../helpers/verdict') as typeof import('../helpers/verdict');
    const started = Date.now();
    const lines = [
      `cmd /c ${'code '.repeat(50_000)}tunnel`,
      `cmd /c ${'"code tunnel x" '.repeat(20_000)}`,
      `powershell -c ${'& code tunnel; '.repeat(20_000)}`,
      `bash -c "${"sh -c 'code tunnel' ".repeat(10_000)}"`,
      `schtasks /create /tr "${'\\"'.repeat(50_000)}code tunnel"`,
      `code ${'--name x '.repeat(50_000)}tunnel`,
      `x.exe "${'a '.repeat(200_000)}tunnel"`, // one huge quoted argument: no call-stack overflow
    ];
    for (const line of lines) verdict(proc('C:\\Windows\\System32\\cmd.exe', line));
    expect(Date.now() - started).toBeLessThan(30_000); // hang bound only
  });
});
