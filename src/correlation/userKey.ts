import { accountMatch } from '../detection/context';

/**
 * One key per person across the host and identity planes, so that "tunnel host started on WKS-1 by
 * CORP\alice" and "alice@corp.example.com signed in to the tunnel service" meet.
 *
 * Forms read (Windows and Entra ID naming):
 * - `DOMAIN\user` (Sysmon `User`, Security `SubjectDomainName\SubjectUserName`): the part after the
 *   last backslash (Microsoft, "User name formats": down-level logon name);
 * - `user@domain` (Entra ID `userPrincipalName`, an on-premises UPN, an e-mail-style login): the part
 *   before the last `@` (Microsoft, "User name formats": user principal name);
 * - a bare account name (Linux `User`, CIM `user` without a domain);
 * - a GitHub login, only through the admin's lookup (login -> account): a GitHub login is chosen by
 *   its owner and says nothing about the directory account by itself.
 *
 * The key is the lower-case account name without its domain, so the same name in two domains meets
 * too (an accepted imprecision: a finding still shows both raw names). Accounts that are no person
 * give '' and never join: SYSTEM and the other NT AUTHORITY accounts and their SIDs, machine
 * accounts (`HOST$`), root, and the placeholders `-`, `unknown`, `n/a`.
 */

/** Placeholders (lower case) that name no account at all. */
const PLACEHOLDERS = new Set(['-', 'unknown', 'n/a', 'null', 'anonymous logon']);

/**
 * The join key of an account name (see the module comment); '' when the name is empty or stands for
 * no person. Pure; never throws.
 * @example userKey('CORP\\Alice') === 'alice'; userKey('alice@corp.example.com') === 'alice'; userKey('NT AUTHORITY\\SYSTEM') === ''
 */
export function userKey(raw: string): string {
  let name = raw.trim().toLowerCase();
  const slash = name.lastIndexOf('\\');
  if (slash >= 0) name = name.slice(slash + 1);
  const at = name.lastIndexOf('@');
  if (at > 0) name = name.slice(0, at);
  name = name.trim();
  // SYSTEM, LOCAL/NETWORK SERVICE and their SIDs, machine accounts, root: the host-plane account signals (context.ts).
  if (name === '' || PLACEHOLDERS.has(name) || accountMatch(name) !== undefined) return '';
  return name;
}

/**
 * The join key of a GitHub login through the admin's lookup (`idetunnel_github_users`: GitHub login
 * -> directory account, any of the forms {@link userKey} reads). '' when the login has no row: an
 * unmapped login joins nothing. Logins compare case-insensitively, as GitHub treats them.
 * @param logins GitHub login (any case) -> directory account
 */
export function githubUserKey(login: string, logins: ReadonlyMap<string, string>): string {
  const wanted = login.trim().toLowerCase();
  if (wanted === '') return '';
  for (const [key, account] of logins) if (key.trim().toLowerCase() === wanted) return userKey(account);
  return '';
}
