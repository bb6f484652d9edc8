/**
 * Names the lab tools put into Splunk searches and REST filters, checked before any request: an
 * index name goes into `search index="<index>" | delete`, an app name into `eai:acl.app=<app>`.
 * A wildcard or a quote there widens what is deleted or listed.
 */

/**
 * Splunk's index name rule (indexes.conf spec, "Index names must consist of only numbers,
 * lowercase letters, underscores, and hyphens. They cannot begin with an underscore or hyphen,
 * or contain the word 'kvstore'"). No wildcard can pass it.
 */
const INDEX_NAME = /^[a-z0-9][a-z0-9_-]*$/;
/** Splunk app folder names (app.conf `[package] id`, apps/<name>): letters, digits, `_`, `-`, `.`, starting with a letter or digit. */
const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/**
 * Why `name` cannot be the lab index (`where` names the option or manifest key in the message), or
 * null when it can: a valid Splunk index name (so no wildcard), and never `main` in any case (the
 * lab's events and `| delete` must stay out of the default index).
 */
export function labIndexProblem(name: string, where: string): string | null {
  if (name.toLowerCase() === 'main') return `${where} main is refused: the lab writes to and deletes from a dedicated index, never main`;
  if (!INDEX_NAME.test(name) || name.includes('kvstore')) {
    return `${where} ${JSON.stringify(name.slice(0, 80))} is not a Splunk index name (lowercase letters, digits, _ and -, not starting with _ or -; no wildcards)`;
  }
  return null;
}

/** Why `name` cannot be an app name (`where` as above), or null when it can. */
export function appNameProblem(name: string, where: string): string | null {
  if (APP_NAME.test(name) && !name.endsWith('.')) return null;
  return `${where} ${JSON.stringify(name.slice(0, 80))} is not a Splunk app name (letters, digits, _, - and ., starting with a letter or digit)`;
}

/** Refused before any request: a plain-HTTP URL without the opt-in, a bad lab index or app name. */
export class LabSafetyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabSafetyError';
  }
}
