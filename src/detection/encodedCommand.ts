import { programHasRole } from './programs';

/** Base64 text (RFC 4648 alphabet, optional padding): one character class, linear. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** True when the program is Windows PowerShell or PowerShell 7. */
export function isPowerShell(path: string): boolean {
  return programHasRole(path, 'powershell');
}

/** True for a PowerShell parameter name that abbreviates `-EncodedCommand` (`-e`, `-ec`, `-enc`, ...). */
export function isEncodedCommandOption(arg: string): boolean {
  const a = arg.toLowerCase();
  if (a[0] !== '-' && a[0] !== '/') return false;
  const name = a.slice(1);
  return name === 'ec' || (name.length >= 1 && 'encodedcommand'.startsWith(name));
}

/**
 * The script of `powershell -EncodedCommand <base64>`: base64 of UTF-16LE text
 * (about_PowerShell_exe, -EncodedCommand). Only for PowerShell images, only when the value is
 * valid base64 of even length; at most 64 KiB decoded.
 *
 * @returns the decoded script, or undefined when the command has no readable encoded command
 */
export function decodedPowerShell(image: string, argv: readonly string[]): string | undefined {
  if (!isPowerShell(image !== '' ? image : argv[0] ?? '')) return undefined;
  for (let i = 1; i < argv.length - 1; i++) {
    if (!isEncodedCommandOption(argv[i])) continue;
    const value = argv[i + 1];
    if (value.length > 87_384 || value.length % 4 !== 0 || !BASE64.test(value)) return undefined;
    const bytes = Buffer.from(value, 'base64');
    return bytes.length % 2 === 0 ? bytes.toString('utf16le') : undefined;
  }
  return undefined;
}
