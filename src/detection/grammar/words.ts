import { CommandLineStyle, splitByStyle } from '../commandLine';

/**
 * Argument words as the grammars see them: options and positionals, PowerShell quoting, nested
 * multi-word values, shell control operators. String operations only (linear time).
 */

/** A word without PowerShell-style single quotes or a trailing list comma: `'tunnel',` -> `tunnel`. */
export function bareWord(word: string): string {
  let start = 0;
  let end = word.length;
  while (end > start && (word[end - 1] === ',' || word[end - 1] === ';')) end--;
  if (end - start >= 2 && word[start] === "'" && word[end - 1] === "'") {
    start++;
    end--;
  }
  return start === 0 && end === word.length ? word : word.slice(start, end);
}

export interface Words {
  /** Positional arguments, lower case. */
  positionals: string[];
  /** The same positionals as written (the VS Code CLI's parser, clap, compares them case-sensitively). */
  rawPositionals: string[];
  /** Option names as written, before any `=`, in order. */
  rawOptionNames: string[];
  /** For each positional: it follows an option we do not know, so it may be that option's value. */
  maybeValue: boolean[];
  /** option name (lower case, before any `=`) -> value, or '' for a flag */
  options: Map<string, string>;
}

/** Splits arguments into positionals and options; `valueOptions` take the next argument. */
export function words(args: readonly string[], valueOptions: ReadonlySet<string>): Words {
  const positionals: string[] = [];
  const rawPositionals: string[] = [];
  const rawOptionNames: string[] = [];
  const maybeValue: boolean[] = [];
  const options = new Map<string, string>();
  let afterUnknown = false;
  for (let i = 0; i < args.length; i++) {
    const arg = bareWord(args[i]);
    if (arg === '--') {
      for (const rest of args.slice(i + 1)) {
        positionals.push(rest.toLowerCase());
        rawPositionals.push(rest);
        maybeValue.push(false);
      }
      break;
    }
    if (arg.length > 1 && arg[0] === '-') {
      const eq = arg.indexOf('=');
      const rawName = eq > 0 ? arg.slice(0, eq) : arg;
      rawOptionNames.push(rawName);
      const name = rawName.toLowerCase();
      let value = eq > 0 ? arg.slice(eq + 1) : '';
      if (eq < 0 && valueOptions.has(name) && i + 1 < args.length) value = args[++i];
      if (!options.has(name)) options.set(name, value);
      afterUnknown = eq < 0 && !valueOptions.has(name);
      continue;
    }
    positionals.push(arg.toLowerCase());
    rawPositionals.push(arg);
    maybeValue.push(afterUnknown);
    afterUnknown = false;
  }
  return { positionals, rawPositionals, rawOptionNames, maybeValue, options };
}

/** Options that print help or a version and exit. */
export const HELP_OPTIONS = ['-h', '--help', '-v', '-V', '--version'];

export function hasAny(options: Map<string, string>, names: readonly string[]): string | undefined {
  return names.find((n) => options.has(n));
}

/**
 * Arguments with quoted multi-word values or PowerShell arrays split into words (`-ArgumentList "tunnel ..."`, `'tunnel','--name'`).
 * `valueOptions`: the value after one of these options is kept whole (`--name "zoe laptop"` is one
 * value the program receives, not two words).
 */
export function flatten(args: readonly string[], style: CommandLineStyle, valueOptions?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    // Loops, not push(...spread): a huge argument must not exhaust the call stack.
    if (valueOptions && ((i > 0 && valueOptions.has(args[i - 1].toLowerCase())) || (arg[0] === '-' && valueOptions.has(arg.slice(0, arg.indexOf('=')).toLowerCase())))) out.push(arg);
    else if (arg.includes(' ') && !arg.includes('\\') && !arg.includes('/')) for (const word of splitByStyle(arg, style)) out.push(word);
    else if (arg[0] === "'" && arg.includes("','")) for (const word of arg.split(',')) out.push(word); // PowerShell array 'a','b'
    else out.push(arg);
  }
  return out;
}

/** True for a shell control operator or redirection word (`&`, `&&`, `|`, `;`, `>`, `2>&1`, `<`). */
export function isControlWord(word: string): boolean {
  if (word === '&' || word === '&&' || word === '|' || word === '||' || word === ';') return true;
  const c = word[0];
  return c === '>' || c === '<' || (c >= '0' && c <= '9' && word[1] === '>');
}

/** The arguments up to the first control operator: what the program itself receives. */
export function ownArguments(args: readonly string[]): string[] {
  const end = args.findIndex(isControlWord);
  return end < 0 ? [...args] : args.slice(0, end);
}
