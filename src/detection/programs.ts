import { programName } from './paths';

/**
 * What a program is to the detection, by its program name (paths.ts programName: base name, lower
 * case, `.exe`/`.cmd`/... dropped). One name may hold several roles; the signals that read a role
 * are named beside it.
 * - `office`: Microsoft 365 applications (parent.office).
 * - `server-process`: servers whose children are web-shell or SQL command execution (parent.server-process).
 * - `remote-exec`: remote execution services (parent.remote-exec).
 * - `script-host`: script hosts and proxy-execution binaries, as a parent and as a process asking
 *   for a relay (parent.script-host, asker.script-host).
 * - `proxy-exec`: proxy-execution binaries that count as a script-host parent only (parent.script-host).
 * - `shell`: command shells that count as a script host asking for a relay only (asker.script-host);
 *   as a parent they are read by their arguments (a batch file, a hidden PowerShell) instead.
 * - `downloader`: LOLBins that fetch files, as a process asking for a relay (asker.script-host).
 * - `powershell`: Windows PowerShell and PowerShell 7: hidden/encoded parents (parent.script-host)
 *   and `-EncodedCommand` decoding (encodedCommand.ts).
 * - `scheduler`: the Service Control Manager, Task Scheduler hosts, service wrappers, cron (parent.scheduler).
 * - `browser`: web browsers visiting a tunnel URL (asker.browser).
 * - `system-process`: Windows system processes (asker.system-process).
 * - `vscode-server-node`: the VS Code server's Node.js, when it runs from a server folder
 *   (networkSignals.ts asker.tool, fileSignals.ts the IDE as a file writer, childSignals.ts the
 *   server a tunnel runs).
 * - `session-shell`: shells, Windows and POSIX, started in a remote session (child.shell).
 * - `discovery`: discovery tools started in a remote session (child.recon).
 * - `console-plumbing`: what Windows attaches to a process; not something a tunnel started (childSignals.ts).
 */
export type ProgramRole =
  | 'office'
  | 'server-process'
  | 'remote-exec'
  | 'script-host'
  | 'proxy-exec'
  | 'shell'
  | 'downloader'
  | 'powershell'
  | 'scheduler'
  | 'browser'
  | 'system-process'
  | 'vscode-server-node'
  | 'session-shell'
  | 'discovery'
  | 'console-plumbing';

/** One group of the program table: a role, the program names that hold it, and where the list comes from. */
export interface ProgramGroup {
  role: ProgramRole;
  names: readonly string[];
  source: string;
}

const LOLBAS = 'LOLBAS project, https://lolbas-project.github.io';

/** THE program-name table. A name listed under two roles holds both. */
export const PROGRAM_TABLE: readonly ProgramGroup[] = [
  { role: 'office', names: ['winword', 'excel', 'powerpnt', 'outlook', 'onenote', 'onenotem', 'msaccess', 'mspub', 'visio'], source: 'Microsoft 365 process names' },
  {
    role: 'server-process',
    names: ['w3wp', 'sqlservr', 'umworkerprocess', 'httpd', 'nginx', 'php-cgi', 'php', 'tomcat', 'tomcat8', 'tomcat9', 'tomcat10', 'apache2'],
    source: 'IIS, SQL Server, Exchange UM, Apache, nginx, PHP, Tomcat process names; https://attack.mitre.org/techniques/T1505/003/',
  },
  {
    role: 'remote-exec',
    names: ['psexesvc', 'wmiprvse', 'wsmprovhost', 'winrshost', 'velociraptor', 'remcomsvc', 'paexec', 'paexecsvc', 'csexecsvc'],
    source: 'PsExec (PSEXESVC), WMI (WmiPrvSE), WinRM (wsmprovhost, winrshost), Velociraptor, RemCom/PAExec, CSExec',
  },
  { role: 'script-host', names: ['wscript', 'cscript', 'mshta', 'rundll32', 'regsvr32', 'msbuild', 'installutil', 'regasm'], source: LOLBAS },
  { role: 'proxy-exec', names: ['hh', 'wmic', 'forfiles', 'pcalua', 'regsvcs'], source: LOLBAS },
  { role: 'shell', names: ['powershell', 'pwsh', 'cmd'], source: 'Windows command shells' },
  { role: 'downloader', names: ['certutil', 'bitsadmin'], source: LOLBAS },
  { role: 'powershell', names: ['powershell', 'pwsh', 'powershell_ise'], source: 'about_PowerShell_exe, about_Pwsh (program names)' },
  {
    role: 'scheduler',
    names: ['services', 'taskeng', 'taskhostw', 'taskhost', 'nssm', 'srvany', 'winsw', 'cron', 'crond', 'atd', 'anacron'],
    source: 'Service Control Manager, Task Scheduler hosts, NSSM/srvany/WinSW service wrappers, cron/at; https://attack.mitre.org/techniques/T1053/',
  },
  { role: 'browser', names: ['msedge', 'chrome', 'firefox', 'brave', 'opera', 'iexplore', 'vivaldi', 'safari', 'chromium', 'msedgewebview2'], source: 'browser process names' },
  {
    role: 'system-process',
    names: ['svchost', 'lsass', 'services', 'winlogon', 'spoolsv', 'dllhost', 'wininit', 'csrss', 'smss', 'taskhostw', 'wmiprvse', 'conhost', 'searchprotocolhost'],
    source: 'Windows system processes (not the DNS client itself, which Sysmon attributes to the asking process)',
  },
  { role: 'vscode-server-node', names: ['node'], source: 'microsoft/vscode cli/src/state.rs (servers under the CLI data dir), VS Code Remote server layout' },
  {
    role: 'session-shell',
    names: ['cmd', 'powershell', 'pwsh', 'powershell_ise', 'wsl', 'bash', 'sh', 'dash', 'zsh', 'ksh', 'fish', 'busybox'],
    source: 'SigmaHQ proc_creation_win_vscode_tunnel_remote_shell_ (shells under the tunnel server); POSIX shells',
  },
  {
    role: 'discovery',
    names: [
      'whoami', 'net', 'net1', 'nltest', 'systeminfo', 'ipconfig', 'ifconfig', 'tasklist', 'quser', 'qwinsta', 'query', 'hostname', 'arp',
      'route', 'netstat', 'nslookup', 'dsquery', 'adfind', 'klist', 'cmdkey', 'uname', 'id', 'getent', 'w', 'who', 'last',
    ],
    source: 'ATT&CK discovery: https://attack.mitre.org/techniques/T1033/ (owner/user), T1082 (system information), T1016 (network configuration), T1087 (accounts), T1482 (domain trusts), T1057 (processes)',
  },
  { role: 'console-plumbing', names: ['conhost', 'werfault', 'wermgr'], source: 'Windows console host and error reporting, attached to processes by the system' },
];

const ROLES_BY_NAME: ReadonlyMap<string, ReadonlySet<ProgramRole>> = (() => {
  const map = new Map<string, Set<ProgramRole>>();
  for (const group of PROGRAM_TABLE) {
    for (const name of group.names) {
      const roles = map.get(name) ?? new Set<ProgramRole>();
      roles.add(group.role);
      map.set(name, roles);
    }
  }
  return map;
})();

/** True when the program name (already lower case, extension dropped) holds one of the roles. */
export function nameHasRole(name: string, ...roles: readonly ProgramRole[]): boolean {
  const held = ROLES_BY_NAME.get(name);
  return held !== undefined && roles.some((role) => held.has(role));
}

/** True when the program of a path (paths.ts programName) holds one of the roles. */
export function programHasRole(path: string, ...roles: readonly ProgramRole[]): boolean {
  return nameHasRole(programName(path), ...roles);
}

/** The names holding a role (for the screen and tests). */
export function namesWithRole(role: ProgramRole): readonly string[] {
  return PROGRAM_TABLE.filter((group) => group.role === role).flatMap((group) => group.names);
}
