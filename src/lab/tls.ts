import { readFileSync } from 'fs';

/** How the lab tools verify a Splunk server's certificate (HEC on 8088, splunkd REST on 8089). */
export interface TlsChoice {
  /** PEM file with the CA certificate(s) that signed the server's certificate; added to Node's trust store for this client. */
  caFile?: string;
  /** Skip certificate verification (self-signed lab servers). Off by default. */
  insecure?: boolean;
}

/** TLS options in the shape Node's `https.request` and `needle` take. */
export interface TlsOptions {
  rejectUnauthorized: boolean;
  /** PEM text of the trusted CA certificate(s), when `caFile` was given. */
  ca?: string;
}

/** Error raised for TLS set-up problems (unreadable CA file, conflicting options). */
export class TlsSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsSetupError';
  }
}

/**
 * Turns the command-line choice into TLS options: verification ON unless `insecure`; `caFile` read as PEM.
 * With `insecure`, `warn` is called once with a sentence for stderr.
 * @throws TlsSetupError when the CA file cannot be read or holds no PEM certificate, or when both options are given
 */
export function tlsOptions(choice: TlsChoice, warn: (text: string) => void): TlsOptions {
  if (choice.insecure && choice.caFile) throw new TlsSetupError('--ca-file and --insecure exclude each other');
  if (choice.insecure) {
    warn('TLS certificate verification is OFF (--insecure): anyone on the path can read the token and the events');
    return { rejectUnauthorized: false };
  }
  if (choice.caFile === undefined) return { rejectUnauthorized: true };
  let ca: string;
  try {
    ca = readFileSync(choice.caFile, 'utf8');
  } catch (error) {
    throw new TlsSetupError(`cannot read --ca-file ${choice.caFile}: ${(error as Error).message}`);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new TlsSetupError(`--ca-file ${choice.caFile} holds no PEM certificate`);
  return { rejectUnauthorized: true, ca };
}

/** Node/OpenSSL error codes of a certificate that failed verification (retrying cannot help). */
const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);

/** True when `error` is a certificate verification failure (by its Node `code`). */
export function isCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CERTIFICATE_ERRORS.has(code);
}

/**
 * Checks the URL of a server the lab tools send a secret to (the HEC token, a Splunk token or
 * password): `https:`, or `http:` only when the user opted in with `allowHttp` (`--allow-http`),
 * and then `warn` gets one sentence for stderr, as `--insecure` does. Messages name the option and
 * the scheme, never the URL (it may hold credentials).
 *
 * @param option the option the URL came from, e.g. `--hec-url`
 * @throws TlsSetupError for `http:` without the opt-in, any other scheme, or a URL that does not parse
 */
export function checkServerUrl(url: string, option: string, allowHttp: boolean | undefined, warn: (text: string) => void): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new TlsSetupError(`${option} is not a URL (expected https://host:port)`);
  }
  if (protocol === 'https:') return;
  if (protocol !== 'http:') throw new TlsSetupError(`${option} must be an https:// URL (got ${protocol})`);
  if (!allowHttp) {
    throw new TlsSetupError(`${option} is plain http://: the secret would cross the network unencrypted. Use https://, or pass --allow-http to accept that (a lab on this machine only)`);
  }
  warn(`plain HTTP (--allow-http): the secret and the events cross the network unencrypted; anyone on the path can read them`);
}
