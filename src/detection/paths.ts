/**
 * Path helpers for Windows and POSIX paths as Sysmon logs them. String operations only (no regular
 * expressions), so they run in linear time on any input.
 */

/** The last path component, lower-cased, without surrounding quotes (double or single): `C:\X\Code.exe` -> `code.exe`. */
export function baseName(path: string): string {
  let end = path.length;
  while (end > 0 && (path[end - 1] === '"' || path[end - 1] === "'" || path[end - 1] === ' ')) end--;
  let start = Math.max(path.lastIndexOf('\\', end - 1), path.lastIndexOf('/', end - 1)) + 1;
  while (start < end && (path[start] === '"' || path[start] === "'")) start++;
  return path.slice(start, end).toLowerCase();
}

/** The base name without a Windows executable/script extension: `code-tunnel.exe` -> `code-tunnel`. */
export function programName(path: string): string {
  const base = baseName(path);
  for (const ext of ['.exe', '.cmd', '.bat', '.com', '.sh', '.dll', '.ps1', '.js', '.vbs']) {
    if (base.endsWith(ext)) return base.slice(0, -ext.length);
  }
  return base;
}

/**
 * A path normalised for folder tests: lower case, `/` as separator, with a leading and trailing
 * separator so that `includes('/temp/')` tests whole components.
 */
export function folderKey(path: string): string {
  let p = path.toLowerCase();
  if (p.includes('\\')) p = p.split('\\').join('/');
  return `/${p}/`;
}

/** Where a program runs from, as far as the path tells. */
export type RunLocation = 'temp' | 'user-writable' | 'install' | 'other';

/**
 * Folder components (lower case, `/`-separated, see {@link folderKey}) of temporary folders:
 * %TEMP% (`AppData\Local\Temp`, also written `%TEMP%`, `%TMP%`, PowerShell `$env:TEMP`), `C:\Windows\Temp`,
 * and on Linux `/tmp`, `/var/tmp`, `/dev/shm`.
 * Source: Windows `GetTempPath` documentation; Filesystem Hierarchy Standard 3.0 (/tmp, /var/tmp, /dev/shm).
 */
const TEMP_FOLDERS = ['/appdata/local/temp/', '/windows/temp/', '/%temp%/', '/%tmp%/', '/%localappdata%/temp/', '/$env:temp/', '/$env:tmp/', '/$env:localappdata/temp/'];
const TEMP_ROOTS = ['/tmp/', '/var/tmp/', '/dev/shm/'];

/**
 * Folders any user can write to, or a user's own download/application-data/public folders, where
 * programs are not installed (install folders below are tested first): `Downloads`,
 * `C:\Users\Public`, `C:\ProgramData`, `AppData\Local` / `LocalLow` / `Roaming` (malware staging
 * folders such as `AppData\Local\Microsoft\<x>`), `$Recycle.Bin`, `C:\PerfLogs`, `Desktop`; on
 * Linux `/home/<user>/Downloads` is covered by `/downloads/`.
 */
const USER_WRITABLE_FOLDERS = [
  '/downloads/', '/users/public/', '/programdata/', '/appdata/local/', '/appdata/locallow/', '/appdata/roaming/', '/$recycle.bin/',
  '/perflogs/', '/desktop/', '/%public%/', '/%programdata%/', '/%appdata%/', '/%localappdata%/', '/$env:public/',
  '/$env:programdata/', '/$env:appdata/', '/$env:localappdata/',
];

/**
 * Install folders of the IDEs and of packaged software: `Program Files`, the VS Code / Cursor user
 * installer's `AppData\Local\Programs\`, JetBrains Toolbox's `AppData\Local\JetBrains\Toolbox`,
 * package managers (winget's `AppData\Local\Microsoft\WinGet\Packages` and `Links`, where
 * `winget install Microsoft.devtunnel` puts devtunnel; Scoop's `scoop\apps`; Chocolatey's
 * `C:\ProgramData\chocolatey`), the Linux packages' `/usr/share/code`, `/usr/bin`, `/usr/lib`,
 * `/opt`, `/snap`, and the backends JetBrains Gateway installs (`~/.cache/JetBrains/RemoteDev/dist`).
 * Source: VS Code docs "Setup: Windows/Linux" (install locations), JetBrains Toolbox App docs,
 * Dev Tunnels docs (install with winget), winget/Scoop/Chocolatey documentation.
 */
const INSTALL_FOLDERS = [
  '/program files/', '/program files (x86)/', '/appdata/local/programs/', '/appdata/local/jetbrains/', '/%programfiles%/', '/%localappdata%/programs/',
  '/appdata/local/microsoft/winget/', '/scoop/apps/', '/programdata/chocolatey/', '/.cache/jetbrains/remotedev/dist/',
];
const INSTALL_ROOTS = ['/usr/share/', '/usr/bin/', '/usr/lib/', '/usr/local/bin/', '/opt/', '/snap/'];

/** Classifies the folder a program path lies in (see the folder lists above); 'other' if unknown or empty. */
export function runLocation(path: string): RunLocation {
  if (path === '') return 'other';
  const key = folderKey(path);
  // Drive-relative Windows paths (`c:/...`) and POSIX absolute paths (`//usr/...` after folderKey).
  const rooted = key.startsWith('//') ? key.slice(1) : key.slice(key.indexOf('/', 1));
  if (TEMP_FOLDERS.some((f) => key.includes(f)) || TEMP_ROOTS.some((f) => rooted.startsWith(f))) return 'temp';
  if (INSTALL_FOLDERS.some((f) => key.includes(f)) || INSTALL_ROOTS.some((f) => rooted.startsWith(f))) return 'install';
  if (USER_WRITABLE_FOLDERS.some((f) => key.includes(f))) return 'user-writable';
  return 'other';
}

/**
 * A systemd unit name (or file base name) of the VS Code CLI's Linux tunnel service:
 * `code-tunnel.service`, `code-tunnel-insiders.service`, `cursor-tunnel.service` (lower case in).
 * Source: microsoft/vscode cli/src/tunnels/service_linux.rs (unit `<application>-tunnel.service`).
 */
export function isTunnelUnitName(lowerName: string): boolean {
  const base = lowerName.slice(Math.max(lowerName.lastIndexOf('/'), lowerName.lastIndexOf('\\')) + 1);
  const unit = base.endsWith('.service') ? base.slice(0, -'.service'.length) : base;
  return unit.endsWith('-tunnel') || unit.includes('-tunnel-') ? unit.startsWith('code') || unit.startsWith('cursor') || unit.startsWith('codium') : false;
}
