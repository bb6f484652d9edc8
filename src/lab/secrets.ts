import { readFileSync } from 'fs';

/**
 * Where the lab tools take secrets from. Never from argv: a command line is visible to every local
 * user (`ps`, /proc/PID/cmdline) and lands in shell history.
 */
export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

/** Reads a one-line secret file (trailing line break dropped). @throws SecretError if unreadable or empty */
export function readSecretFile(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SecretError(`cannot read the ${what} file ${file}: ${(error as Error).message}`);
  }
  const secret = text.replace(/\r?\n$/, '').trim();
  if (secret === '' || /[\r\n]/.test(secret)) throw new SecretError(`the ${what} file ${file} must hold exactly one line`);
  return secret;
}

/**
 * The HEC token: from `tokenFile` when given, else the `SPLUNK_HEC_TOKEN` environment variable.
 * @throws SecretError when neither is set, or the file is unreadable or empty
 */
export function hecToken(env: NodeJS.ProcessEnv, tokenFile?: string): string {
  if (tokenFile !== undefined) return readSecretFile(tokenFile, 'HEC token');
  const token = env.SPLUNK_HEC_TOKEN?.trim();
  if (!token) throw new SecretError('no HEC token: set SPLUNK_HEC_TOKEN or pass --token-file FILE');
  return token;
}

/** splunkd REST credentials: an authentication token (sent as `Authorization: Bearer`) or a user and password. */
export type RestCredentials = { kind: 'token'; token: string } | { kind: 'password'; username: string; password: string };

/**
 * splunkd credentials from the environment: `SPLUNK_TOKEN` (a Splunk authentication token), else
 * `SPLUNK_USERNAME` + `SPLUNK_PASSWORD`; `tokenFile` (one line) wins over both.
 * @throws SecretError when none is set
 */
export function restCredentials(env: NodeJS.ProcessEnv, tokenFile?: string): RestCredentials {
  if (tokenFile !== undefined) return { kind: 'token', token: readSecretFile(tokenFile, 'Splunk token') };
  const token = env.SPLUNK_TOKEN?.trim();
  if (token) return { kind: 'token', token };
  if (env.SPLUNK_USERNAME && env.SPLUNK_PASSWORD) return { kind: 'password', username: env.SPLUNK_USERNAME, password: env.SPLUNK_PASSWORD };
  throw new SecretError('no Splunk credentials: set SPLUNK_TOKEN, or SPLUNK_USERNAME and SPLUNK_PASSWORD, or pass --token-file FILE');
}
