/**
 * Allowlist rows (KV store collection idetunnel_allowlist, default/collections.conf): the rules the
 * `ide_tunnel_allowlist` macro applies, checked before anything is written.
 * - host, user, process_path are matched lower case against the lower-cased event fields, with `*`
 *   as the only wildcard (transforms.conf match_type WILDCARD); empty means `*`.
 * - reason is required (a row without one never matches).
 * - expires is YYYY-MM-DD, the last day the row applies (`ide_tunnel_allowlist_active`), or "never".
 */

/** A row as stored. `created*` and `updated*` record who wrote it and when (ISO 8601, UTC). */
export interface AllowlistRow {
  _key?: string;
  host: string;
  user: string;
  process_path: string;
  reason: string;
  expires: string;
  created_by?: string;
  created?: string;
  updated_by?: string;
  updated?: string;
}

/** What the form holds. */
export interface RowInput {
  host: string;
  user: string;
  process_path: string;
  reason: string;
  /** YYYY-MM-DD, or "" with `never` set. */
  expires: string;
  never: boolean;
}

export type RowField = 'host' | 'user' | 'process_path' | 'reason' | 'expires';

/** The matched fields of a row, in the order the page shows them. */
export const MATCH_FIELDS = ['host', 'user', 'process_path'] as const;

const MAX_VALUE = 1024;
const MAX_REASON = 500;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** True when YYYY-MM-DD names a real calendar day. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A local date as YYYY-MM-DD (the search head's day boundary is what Splunk applies; the browser's is the closest the page has). */
export function isoDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Checks and normalises the form into the row to store (lower case, trimmed, empty -> `*`).
 * @param today YYYY-MM-DD; an expiry before it is refused (the row would never apply)
 * @returns the row, or the problem of each refused field
 */
export function normaliseRow(input: RowInput, today: string): { row: Omit<AllowlistRow, '_key'> } | { errors: Partial<Record<RowField, string>> } {
  const errors: Partial<Record<RowField, string>> = {};
  const values = {} as Record<(typeof MATCH_FIELDS)[number], string>;
  for (const field of MATCH_FIELDS) {
    const value = input[field].trim().toLowerCase() || '*';
    if (CONTROL.test(value)) errors[field] = 'Remove the control characters (tabs, line breaks).';
    else if (value.length > MAX_VALUE) errors[field] = `At most ${MAX_VALUE} characters.`;
    values[field] = value;
  }
  if (!errors.host && MATCH_FIELDS.every((field) => /^\*+$/.test(values[field]))) {
    errors.host = 'Narrow the row: with host, user and process path all *, it would silence every event.';
  }
  const reason = input.reason.trim();
  if (reason === '') errors.reason = 'Say why this activity is expected: a row without a reason never applies.';
  else if (CONTROL.test(reason.replace(/\t/g, ' '))) errors.reason = 'Write the reason on one line.';
  else if (reason.length > MAX_REASON) errors.reason = `At most ${MAX_REASON} characters.`;
  let expires = 'never';
  if (!input.never) {
    expires = input.expires.trim();
    if (!isCalendarDate(expires)) errors.expires = 'Pick the last day the row applies (YYYY-MM-DD), or tick Never.';
    else if (expires < today) errors.expires = `${expires} is already past: the row would never apply.`;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { row: { ...values, reason, expires } };
}

/** Whether a row still applies on `today` (YYYY-MM-DD): through the end of its expiry day, as `ide_tunnel_allowlist_active`. */
export function isActive(row: Pick<AllowlistRow, 'expires'>, today: string): boolean {
  const expires = (row.expires ?? '').trim().toLowerCase();
  return expires === '' || expires === 'never' || expires >= today;
}

/** True when two rows match the same events (same host, user and process path). */
export function sameMatch(a: Pick<AllowlistRow, 'host' | 'user' | 'process_path'>, b: Pick<AllowlistRow, 'host' | 'user' | 'process_path'>): boolean {
  return MATCH_FIELDS.every((field) => a[field] === b[field]);
}

/** The anchored regular expression (PCRE, as Splunk's match()) a wildcard value matches: `*` -> `.*`, everything else literal. */
export function wildcardRegex(value: string): string {
  return `^${value.split('*').map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&')).join('.*')}$`;
}

/**
 * An SPL eval string literal holding `text` exactly: backslash and double quote escaped with a
 * backslash (Splunk eval: "\\" is one backslash, "\"" a quote), so values ending in `\` or UNC
 * paths like `\\host\share` reach the search unchanged.
 */
export function splString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
