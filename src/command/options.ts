import type { ScoreOptions } from '../detection/scoreEvent';
/**
 * Options of `| idetunnelscore`, as the user types them in the search (`name=value`, arriving in
 * getinfo's `searchinfo.args`, one string each).
 */
/** The command's options; `threshold` and `explain` are the detection's ScoreOptions. */
export interface CommandOptions extends ScoreOptions {
  /** Read `_raw` (XmlWinEventLog) when a row has no extracted fields; adds `_raw` to required_fields. */
  raw: boolean;
  /** Declare type `streaming` (runs on indexers) instead of `stateful` (search head only). */
  distributed: boolean;
}

export const DEFAULT_OPTIONS: CommandOptions = { raw: false, distributed: false, threshold: 50, explain: 'full' };

const TRUE_WORDS = ['true', 't', '1', 'yes', 'y'];
const FALSE_WORDS = ['false', 'f', '0', 'no', 'n'];
const EXPLAIN_VALUES = ['none', 'short', 'full'] as const;

type Parser = (value: string) => Partial<CommandOptions> | string;

const SHOWN_CHARS = 64;

/**
 * User text as quoted in a message: as typed when short and printable, otherwise JSON-escaped and
 * cut to 64 characters, so a message stays one short line (search.log, job inspector) whatever
 * the search passed (a 1 MB argument, line breaks, control characters).
 */
function shown(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (text.length <= SHOWN_CHARS && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029"]/.test(text)) return text;
  const cut = JSON.stringify(text.slice(0, SHOWN_CHARS)).slice(1, -1);
  return text.length > SHOWN_CHARS ? `${cut}... (${text.length} characters)` : cut;
}

function booleanOption(name: 'raw' | 'distributed'): Parser {
  return (value) => {
    const v = value.toLowerCase();
    if (TRUE_WORDS.includes(v)) return { [name]: true };
    if (FALSE_WORDS.includes(v)) return { [name]: false };
    return `${name}=${shown(value)} is not a boolean (use true or false)`;
  };
}

const PARSERS: Record<keyof CommandOptions, Parser> = {
  raw: booleanOption('raw'),
  distributed: booleanOption('distributed'),
  threshold: (value) => {
    if (!/^\d{1,3}$/.test(value) || Number(value) > 100) return `threshold=${shown(value)} is not a whole number from 0 to 100`;
    return { threshold: Number(value) };
  },
  explain: (value) => {
    const v = value.toLowerCase();
    return (EXPLAIN_VALUES as readonly string[]).includes(v)
      ? { explain: v as CommandOptions['explain'] }
      : `explain=${shown(value)} is not one of ${EXPLAIN_VALUES.join(', ')}`;
  },
};

const VALID = Object.keys(PARSERS).join(', ');

/**
 * Parses the search's arguments. Values may be double-quoted (`explain="short"`). Option names are
 * case-sensitive (`RAW=true` is unknown, as with splunklib options); boolean and `explain` values
 * are not. User text in messages is cut to 64 characters and escaped (see `shown`).
 * @returns the options, and one message per unknown, repeated or malformed option (naming the
 *   option and the valid ones); when there are errors the options are the defaults.
 */
export function parseOptions(args: readonly string[]): { options: CommandOptions; errors: string[] } {
  const options: CommandOptions = { ...DEFAULT_OPTIONS };
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) {
      errors.push(`Unrecognized argument "${shown(arg)}": options are name=value; valid options: ${VALID}`);
      continue;
    }
    const name = arg.slice(0, eq).trim();
    let value = arg.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!Object.prototype.hasOwnProperty.call(PARSERS, name)) {
      const hint = Object.prototype.hasOwnProperty.call(PARSERS, name.toLowerCase()) ? ` (option names are case-sensitive: did you mean ${name.toLowerCase()}?)` : '';
      errors.push(`Unrecognized option: ${shown(name)}${hint}. Valid options: ${VALID}`);
      continue;
    }
    if (seen.has(name)) {
      errors.push(`Option ${shown(name)} is given more than once`);
      continue;
    }
    seen.add(name);
    const parsed = PARSERS[name as keyof CommandOptions](value);
    if (typeof parsed === 'string') errors.push(parsed);
    else Object.assign(options, parsed);
  }
  return { options: errors.length > 0 ? { ...DEFAULT_OPTIONS } : options, errors };
}
