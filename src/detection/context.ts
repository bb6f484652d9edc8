import type { Match } from './combine';
import { splitByStyle, pathStyle } from './commandLine';
import { isEncodedCommandOption } from './encodedCommand';
import { baseName, programName, runLocation } from './paths';
import { nameHasRole } from './programs';
import { isIdeDesktop } from './tools';

/**
 * Context signals (rules.ts, kind `context`): where a program runs from, who started it, which
 * account runs it. Lookups on program names (lower case, extension dropped) and whole arguments.
 */

/** `location.*` for a program path: temp, user-writable or install folder (paths.ts lists them). */
export function locationMatch(path: string): Match | undefined {
  switch (runLocation(path)) {
    case 'temp':
      return { id: 'location.temp', value: path };
    case 'user-writable':
      return { id: 'location.user-writable', value: path };
    case 'install':
      return { id: 'location.install' };
    default:
      return undefined;
  }
}


/**
 * True for PowerShell arguments that hide what runs: `-EncodedCommand` in any accepted abbreviation
 * (`-e`, `-ec`, `-en`, `-enc`, ...) or `-WindowStyle Hidden` / `-w hidden`.
 * Source: about_PowerShell_exe (parameter names may be abbreviated while unambiguous).
 */
function hiddenPowerShell(args: readonly string[]): boolean {
  for (let i = 1; i < args.length; i++) {
    const a = args[i].toLowerCase();
    if (a[0] !== '-' && a[0] !== '/') continue;
    if (isEncodedCommandOption(a)) return true;
    const name = a.slice(1);
    if (name.length >= 1 && 'windowstyle'.startsWith(name) && args[i + 1]?.toLowerCase() === 'hidden') return true;
  }
  return false;
}

/** `cmd /c x.bat` or `cmd /k x.cmd`: the batch file run. */
function batchFile(args: readonly string[]): string | undefined {
  const slashC = args.findIndex((a) => a.toLowerCase() === '/c' || a.toLowerCase() === '/k');
  if (slashC < 0) return undefined;
  for (const a of args.slice(slashC + 1)) {
    const b = baseName(a);
    if (b.endsWith('.bat') || b.endsWith('.cmd')) return baseName(a);
  }
  return undefined;
}

/**
 * The `parent.*` signal for the process that started a tunnel tool: at most one, the strongest
 * that applies. The IDE desktop counts as benign only when it is not the CLI hop
 * (`Code.exe ...\resources\app\out\cli.js`), which is a user typing `code tunnel`.
 */
export function parentMatch(parentImage: string, parentCommandLine: string): Match | undefined {
  if (parentImage === '' && parentCommandLine === '') return undefined;
  const image = parentImage !== '' ? parentImage : (splitByStyle(parentCommandLine, pathStyle(parentCommandLine))[0] ?? '');
  const name = programName(image);
  const lowerLine = parentCommandLine.toLowerCase();
  if (nameHasRole(name, 'office')) return { id: 'parent.office', value: baseName(image) };
  if (nameHasRole(name, 'server-process')) return { id: 'parent.server-process', value: baseName(image) };
  if (nameHasRole(name, 'remote-exec')) return { id: 'parent.remote-exec', value: baseName(image) };
  if (nameHasRole(name, 'script-host', 'proxy-exec')) return { id: 'parent.script-host', value: baseName(image) };
  if (nameHasRole(name, 'powershell') && parentCommandLine !== '' && hiddenPowerShell(splitByStyle(parentCommandLine, 'windows'))) {
    return { id: 'parent.script-host', value: `${baseName(image)} (encoded/hidden)` };
  }
  if (nameHasRole(name, 'scheduler') || (name === 'svchost' && lowerLine.includes('schedule'))) return { id: 'parent.scheduler', value: baseName(image) };
  if (name === 'cmd' && parentCommandLine !== '') {
    const bat = batchFile(splitByStyle(parentCommandLine, 'windows'));
    if (bat) return { id: 'parent.batch', value: bat };
  }
  if (lowerLine.includes('shellintegration')) return { id: 'parent.ide-terminal' };
  if (isIdeDesktop(image) && !lowerLine.includes('cli.js')) return { id: 'parent.ide', value: baseName(image) };
  if (name === 'explorer') return { id: 'parent.explorer' };
  return undefined;
}

/** True when the parent is the IDE desktop itself (not its CLI hop): Remote Tunnel Access. */
export function parentIsIdeDesktop(parentImage: string, parentCommandLine: string): boolean {
  return isIdeDesktop(parentImage) && !parentCommandLine.toLowerCase().includes('cli.js');
}

/**
 * The `account.*` signal for a user name or SID as Sysmon / Security events write it:
 * `NT AUTHORITY\SYSTEM`, `S-1-5-18`, `LocalSystem` -> system; LOCAL/NETWORK SERVICE (S-1-5-19/20)
 * -> service; `DOMAIN\HOST$` -> machine account; `root` (Sysmon for Linux) -> root.
 */
export function accountMatch(user: string): Match | undefined {
  const u = user.trim().toLowerCase();
  if (u === '') return undefined;
  const name = u.slice(u.lastIndexOf('\\') + 1);
  if (name === 'system' || name === 'système' || u === 's-1-5-18' || name === 'localsystem') return { id: 'account.system', value: user.trim() };
  if (name === 'local service' || name === 'network service' || name === 'localservice' || name === 'networkservice' || u === 's-1-5-19' || u === 's-1-5-20') {
    return { id: 'account.service', value: user.trim() };
  }
  if (name.endsWith('$')) return { id: 'account.machine', value: user.trim() };
  if (u === 'root') return { id: 'account.root' };
  return undefined;
}
