/**
 * Splitting a process command line into argv the way the started program sees it, so that the
 * detection compares whole arguments instead of searching substrings. No regular expressions:
 * one left-to-right pass over the characters (linear time in the length of the line).
 */

/** Which quoting rules a command line follows. */
export type CommandLineStyle = 'windows' | 'posix';

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t';
}

/**
 * Splits a Windows command line with the rules of `CommandLineToArgvW` (shell32), which are the
 * Microsoft C runtime's rules ("Parsing C++ command-line arguments", learn.microsoft.com/cpp/cpp/main-function-command-line-args):
 * - argv[0], the program name, is special: if it starts with `"` it runs to the next `"` with no
 *   escaping (backslashes are literal, as in a path), otherwise to the first space or tab;
 * - after it, arguments are separated by spaces/tabs outside quotes; `"` toggles quoting;
 * - 2n backslashes followed by `"` give n backslashes and the quote toggles; 2n+1 backslashes
 *   followed by `"` give n backslashes and a literal `"`; backslashes not before `"` are literal;
 * - inside quotes, `""` gives a literal `"` and ends the quoted part (CommandLineToArgvW and the
 *   documentation's corrected example `a"b"" c d` -> `ab"`, `c`, `d`).
 * Deviation: leading blanks are skipped (CommandLineToArgvW would return an empty argv[0]);
 * Sysmon `CommandLine` values sometimes start or end with a space.
 *
 * @returns the arguments, argv[0] first; [] for a blank line
 */
export function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  const n = line.length;
  let i = 0;
  while (i < n && isBlank(line[i])) i++;
  if (i >= n) return args;

  // argv[0]: the program name.
  let program = '';
  if (line[i] === '"') {
    const close = line.indexOf('"', i + 1);
    program = close < 0 ? line.slice(i + 1) : line.slice(i + 1, close);
    i = close < 0 ? n : close + 1;
  }
  const programStart = i;
  while (i < n && !isBlank(line[i])) i++;
  program += line.slice(programStart, i);
  args.push(program);

  let current = '';
  let inArg = false;
  let quoted = false;
  while (i < n) {
    const c = line[i];
    if (isBlank(c) && !quoted) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
      i++;
      continue;
    }
    inArg = true;
    if (c === '\\') {
      let count = 0;
      while (i < n && line[i] === '\\') {
        count++;
        i++;
      }
      if (i < n && line[i] === '"') {
        current += '\\'.repeat(count >> 1);
        if (count % 2 === 1) {
          current += '"';
          i++;
        }
        // even: the quote is handled by the next iteration as a delimiter
      } else {
        current += '\\'.repeat(count);
      }
      continue;
    }
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        quoted = false;
        i += 2;
        continue;
      }
      quoted = !quoted;
      i++;
      continue;
    }
    // A run of ordinary characters as one slice: appending them one by one built a rope of one
    // node per character (a 10 MB command line took ~300 MB; test/hardening/size.test.ts).
    const start = i;
    while (i < n && line[i] !== '\\' && line[i] !== '"' && (quoted || !isBlank(line[i]))) i++;
    current += line.slice(start, i);
  }
  if (inArg) args.push(current);
  return args;
}

/**
 * Splits a POSIX shell-style command line: blanks (space, tab, newline) separate words; single
 * quotes keep everything literally; double quotes keep blanks, and a backslash inside them escapes
 * only `"`, `\`, `$` and `` ` `` (POSIX.1-2017 Shell Command Language, 2.2 Quoting); outside quotes
 * a backslash makes the next character literal. No expansion of any kind.
 * Sysmon for Linux writes `CommandLine` as the argv joined by spaces, usually without quotes; this
 * splitting is then plain blank splitting.
 *
 * @returns the words; [] for a blank line
 */
export function splitPosixCommandLine(line: string): string[] {
  const args: string[] = [];
  const n = line.length;
  let current = '';
  let inArg = false;
  let i = 0;
  while (i < n) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
      i++;
      continue;
    }
    inArg = true;
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      current += close < 0 ? line.slice(i + 1) : line.slice(i + 1, close);
      i = close < 0 ? n : close + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < n && '"\\$`'.includes(line[i + 1])) {
          current += line[i + 1];
          i += 2;
          continue;
        }
        const start = i;
        while (i < n && line[i] !== '"' && line[i] !== '\\') i++;
        if (i === start) i++; // a backslash that escapes nothing is literal
        current += line.slice(start, i);
      }
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < n) {
      current += line[i + 1];
      i += 2;
      continue;
    }
    const start = i; // a run of ordinary characters as one slice (see splitWindowsCommandLine)
    while (i < n && line[i] !== ' ' && line[i] !== '\t' && line[i] !== '\n' && line[i] !== "'" && line[i] !== '"' && line[i] !== '\\') i++;
    if (i === start) i++; // a trailing backslash is literal
    current += line.slice(start, i);
  }
  if (inArg) args.push(current);
  return args;
}

/**
 * The style of a path or command line: POSIX when it starts with `/`, `~` or `./` and holds no
 * backslash-separated drive path; Windows otherwise (drive letters, UNC, `%VAR%`, backslashes, or
 * a bare program name, which Windows Sysmon logs most).
 */
export function pathStyle(pathOrLine: string): CommandLineStyle {
  const s = pathOrLine.trimStart();
  const c = s[0];
  if (c === '"') return 'windows';
  if (c === '/' || c === '~' || (c === '.' && s[1] === '/')) return 'posix';
  return 'windows';
}

/**
 * Splits a command line with the rules of the platform that logged it, chosen by the process
 * image path when there is one (`/usr/bin/code` -> POSIX, `C:\...` -> Windows), else by the
 * command line itself.
 */
export function splitCommandLine(line: string, image?: string): string[] {
  return splitByStyle(line, pathStyle(image && image.trim() !== '' ? image : line));
}

/** Splits with the rules of the given style. */
export function splitByStyle(line: string, style: CommandLineStyle): string[] {
  return style === 'posix' ? splitPosixCommandLine(line) : splitWindowsCommandLine(line);
}
