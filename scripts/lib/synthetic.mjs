/**
 * Shared building blocks for the synthetic test data (demo log and labelled corpus).
 *
 * Everything here is deterministic: randomness comes only from a seeded PRNG (mulberry32), and
 * identifiers/hashes are derived from their inputs with SHA-256, so re-running a generator
 * reproduces its output byte for byte.
 *
 * Formats modelled on:
 * - Sysmon event schema 4.x (Sysinternals Sysmon docs, "Events" section; EID 1 fields as in
 *   Sysmon 13.30+ with ParentUser), field order as rendered in the real events of
 *   ../shared/data/evtx-attack-samples/derived/sysmon.xmlwineventlog.log.
 * - Splunk XmlWinEventLog rendering (renderXml=true): root element with the event namespace,
 *   single-quoted attributes, no whitespace between elements, `<Correlation/>`, one event per line.
 * - Security 4698 (version 1) EventData names: SubjectUserSid, SubjectUserName, SubjectDomainName,
 *   SubjectLogonId, TaskName, TaskContent, ClientProcessStartKey, ClientProcessId, ParentProcessId,
 *   RpcCallClientLocality, FQDN (Microsoft "4698(S): A scheduled task was created").
 */
import { createHash } from 'node:crypto';

/**
 * Seeded PRNG (mulberry32). Returns a function giving floats in [0, 1).
 * @param {number} seed 32-bit integer seed
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Small helpers over a PRNG. */
export function makeRandom(seed) {
  const next = mulberry32(seed);
  return {
    next,
    /** integer in [lo, hi] inclusive */
    int(lo, hi) {
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    pick(list) {
      return list[Math.floor(next() * list.length)];
    },
    chance(p) {
      return next() < p;
    },
  };
}

/** Hex digest of SHA-256 over the joined parts (deterministic ids, fake hashes). */
export function digest(...parts) {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/**
 * Sysmon-style Hashes value for an image: fake but stable per (image, version).
 * Shape as configured with `<HashAlgorithms>md5,sha256,IMPHASH</HashAlgorithms>`.
 */
export function sysmonHashes(image, version = '') {
  const sha256 = digest('sha256', image.toLowerCase(), version).toUpperCase();
  const md5 = digest('md5', image.toLowerCase(), version).toUpperCase().slice(0, 32);
  const imphash = digest('imphash', image.toLowerCase()).toUpperCase().slice(0, 32);
  return `MD5=${md5},SHA256=${sha256},IMPHASH=${imphash}`;
}

/**
 * Sysmon ProcessGuid-like value `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`: the first group is
 * per host (Sysmon derives it from the machine), the rest is derived from the given parts.
 */
export function sysmonGuid(host, ...parts) {
  const h = digest('host', host).slice(0, 8);
  const d = digest('guid', host, ...parts);
  return `{${h}-${d.slice(0, 4)}-${d.slice(4, 8)}-${d.slice(8, 12)}-${d.slice(12, 24)}}`;
}

/** Escape element text the way Windows renders event XML: &, <, > only (quotes stay literal). */
export function xmlText(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escape element text for a one-line XmlWinEventLog event: as xmlText, plus CR/LF written as
 * character references (`&#13;`/`&#10;`) so the event stays on one line, like the derived
 * renderings in ../shared/data/evtx-attack-samples/derived/.
 */
export function xmlTextOneLine(value) {
  return xmlText(value).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');
}

/** Escape a single-quoted attribute value. */
export function xmlAttr(value) {
  return xmlText(value).replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

/**
 * Render a task XML document (Task Scheduler schema 1.2) whose action is one Exec with separate
 * <Command> and <Arguments>, as schtasks.exe /create /tr registers it. Returns the plain XML text
 * (lines joined with \n); callers escape it for the channel they model.
 */
export function taskXml({ uri, author, command, args, userId, logonType = 'InteractiveToken', runLevel = 'LeastPrivilege', trigger = 'logon', date = '2026-11-17T10:02:11' }) {
  const triggers =
    trigger === 'logon'
      ? ['    <LogonTrigger>', `      <StartBoundary>${date}</StartBoundary>`, '      <Enabled>true</Enabled>', '    </LogonTrigger>']
      : trigger === 'boot'
        ? ['    <BootTrigger>', '      <Enabled>true</Enabled>', '    </BootTrigger>']
        : ['    <CalendarTrigger>', `      <StartBoundary>${date}</StartBoundary>`, '      <Enabled>true</Enabled>', '      <ScheduleByDay>', '        <DaysInterval>1</DaysInterval>', '      </ScheduleByDay>', '    </CalendarTrigger>'];
  const argLine = args === undefined || args === '' ? [] : [`      <Arguments>${xmlText(args)}</Arguments>`];
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    `    <Date>${date}</Date>`,
    `    <Author>${xmlText(author)}</Author>`,
    `    <URI>${xmlText(uri)}</URI>`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    ...triggers,
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    `      <UserId>${xmlText(userId)}</UserId>`,
    `      <LogonType>${logonType}</LogonType>`,
    `      <RunLevel>${runLevel}</RunLevel>`,
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>true</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>true</StopIfGoingOnBatteries>',
    '    <AllowHardTerminate>true</AllowHardTerminate>',
    '    <StartWhenAvailable>false</StartWhenAvailable>',
    '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>',
    '    <AllowStartOnDemand>true</AllowStartOnDemand>',
    '    <Enabled>true</Enabled>',
    '    <Hidden>false</Hidden>',
    '    <ExecutionTimeLimit>PT72H</ExecutionTimeLimit>',
    '    <Priority>7</Priority>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    `      <Command>${xmlText(command)}</Command>`,
    ...argLine,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
  ].join('\n');
}

/** Sysmon provider header values per EventID: [Version, Task]. */
const SYSMON_VERSION = { 1: 5, 3: 5, 11: 2, 13: 2, 22: 5 };

/** EventData field order per Sysmon EventID (schema 4.x). */
export const SYSMON_FIELDS = {
  1: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'FileVersion', 'Description', 'Product', 'Company', 'OriginalFileName', 'CommandLine', 'CurrentDirectory', 'User', 'LogonGuid', 'LogonId', 'TerminalSessionId', 'IntegrityLevel', 'Hashes', 'ParentProcessGuid', 'ParentProcessId', 'ParentImage', 'ParentCommandLine', 'ParentUser'],
  3: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'User', 'Protocol', 'Initiated', 'SourceIsIpv6', 'SourceIp', 'SourceHostname', 'SourcePort', 'SourcePortName', 'DestinationIsIpv6', 'DestinationIp', 'DestinationHostname', 'DestinationPort', 'DestinationPortName'],
  11: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetFilename', 'CreationUtcTime', 'User'],
  13: ['RuleName', 'EventType', 'UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'TargetObject', 'Details', 'User'],
  22: ['RuleName', 'UtcTime', 'ProcessGuid', 'ProcessId', 'QueryName', 'QueryStatus', 'QueryResults', 'Image', 'User'],
};

/** Security 4698 (version 1) EventData field order. */
export const SECURITY_4698_FIELDS = ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'TaskName', 'TaskContent', 'ClientProcessStartKey', 'ClientProcessId', 'ParentProcessId', 'RpcCallClientLocality', 'FQDN'];

/** `2026-11-17 09:15:02.123` (Sysmon UtcTime) from epoch milliseconds. */
export function sysmonUtc(ms) {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** `2026-11-17T09:15:02.1234567Z` (System/TimeCreated) from epoch ms plus extra 100-ns ticks. */
export function systemTime(ms, ticks = 0) {
  const iso = new Date(ms).toISOString(); // ...sss Z
  return `${iso.slice(0, 23)}${String(ticks % 10000).padStart(4, '0')}Z`;
}

/**
 * Render one event as a single XmlWinEventLog line.
 * @param {object} e { channel: 'sysmon'|'security', eventId, timeMs, ticks, recordId, computer,
 *   execPid, execTid, data: {field: value} , fields?: string[] }
 */
export function renderXmlWinEvent(e) {
  const isSysmon = e.channel === 'sysmon';
  const provider = isSysmon
    ? "<Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/>"
    : "<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/>";
  const version = isSysmon ? SYSMON_VERSION[e.eventId] ?? 5 : 1;
  const level = isSysmon ? 4 : 0;
  const task = isSysmon ? e.eventId : 12804;
  const keywords = isSysmon ? '0x8000000000000000' : '0x8020000000000000';
  const channelName = isSysmon ? 'Microsoft-Windows-Sysmon/Operational' : 'Security';
  const security = isSysmon ? "<Security UserID='S-1-5-18'/>" : '<Security/>';
  const order = e.fields ?? (isSysmon ? SYSMON_FIELDS[e.eventId] : SECURITY_4698_FIELDS);
  const data = order
    .map((name) => {
      const v = e.data[name];
      return v === undefined || v === null || v === '' ? `<Data Name='${name}'></Data>` : `<Data Name='${name}'>${xmlTextOneLine(v)}</Data>`;
    })
    .join('');
  return (
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>" +
    provider +
    `<EventID>${e.eventId}</EventID><Version>${version}</Version><Level>${level}</Level><Task>${task}</Task><Opcode>0</Opcode>` +
    `<Keywords>${keywords}</Keywords><TimeCreated SystemTime='${systemTime(e.timeMs, e.ticks ?? 0)}'/>` +
    `<EventRecordID>${e.recordId}</EventRecordID><Correlation/><Execution ProcessID='${e.execPid}' ThreadID='${e.execTid}'/>` +
    `<Channel>${channelName}</Channel><Computer>${xmlText(e.computer)}</Computer>${security}</System>` +
    `<EventData>${data}</EventData></Event>`
  );
}

/**
 * Version-resource metadata per executable basename (lower case), as Sysmon reports it in
 * FileVersion / Description / Product / Company / OriginalFileName. Values follow what these
 * binaries carry in their PE version resource; Electron-based apps (VS Code, Cursor, Teams 1.x,
 * Slack) keep Electron's `electron.exe` as OriginalFileName. Unknown images get '-'.
 */
export const IMAGE_META = {
  'explorer.exe': ['10.0.22621.4317 (WinBuild.160101.0800)', 'Windows Explorer', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'EXPLORER.EXE'],
  'userinit.exe': ['10.0.22621.1 (WinBuild.160101.0800)', 'Userinit Logon Application', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'USERINIT.EXE'],
  'svchost.exe': ['10.0.22621.4111 (WinBuild.160101.0800)', 'Host Process for Windows Services', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'svchost.exe'],
  'services.exe': ['10.0.22621.4249 (WinBuild.160101.0800)', 'Services and Controller app', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'services.exe'],
  'taskhostw.exe': ['10.0.22621.4111 (WinBuild.160101.0800)', 'Host Process for Windows Tasks', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'taskhostw.exe'],
  'backgroundtaskhost.exe': ['10.0.22621.3527 (WinBuild.160101.0800)', 'Background Task Host', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'backgroundTaskHost.exe'],
  'runtimebroker.exe': ['10.0.22621.3958 (WinBuild.160101.0800)', 'Runtime Broker', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'RuntimeBroker.exe'],
  'searchprotocolhost.exe': ['7.0.22621.4391 (WinBuild.160101.0800)', 'Microsoft Windows Search Protocol Host', 'Windows® Search', 'Microsoft Corporation', 'SearchProtocolHost.exe'],
  'searchindexer.exe': ['7.0.22621.4391 (WinBuild.160101.0800)', 'Microsoft Windows Search Indexer', 'Windows® Search', 'Microsoft Corporation', 'SearchIndexer.exe'],
  'wmiprvse.exe': ['10.0.22621.1 (WinBuild.160101.0800)', 'WMI Provider Host', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'Wmiprvse.exe'],
  'conhost.exe': ['10.0.22621.4249 (WinBuild.160101.0800)', 'Console Window Host', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'CONHOST.EXE'],
  'cmd.exe': ['10.0.22621.4111 (WinBuild.160101.0800)', 'Windows Command Processor', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'Cmd.Exe'],
  'powershell.exe': ['10.0.22621.3958 (WinBuild.160101.0800)', 'Windows PowerShell', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'PowerShell.EXE'],
  'pwsh.exe': ['7.4.6.500', 'pwsh', 'PowerShell', 'Microsoft Corporation', 'pwsh.dll'],
  'windowsterminal.exe': ['1.21.2911.0', '-', '-', '-', 'WindowsTerminal.exe'],
  'openconsole.exe': ['1.21.2911.0', 'Console Window Host', 'Windows Terminal', 'Microsoft Corporation', 'OpenConsole.exe'],
  'schtasks.exe': ['10.0.22621.1 (WinBuild.160101.0800)', 'Task Scheduler Configuration Tool', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'schtasks.exe'],
  'reg.exe': ['10.0.22621.1 (WinBuild.160101.0800)', 'Registry Console Tool', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'reg.exe'],
  'sc.exe': ['10.0.22621.1 (WinBuild.160101.0800)', 'Service Control Manager Configuration Tool', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'sc.exe'],
  'wscript.exe': ['5.812.10240.16384', 'Microsoft ® Windows Based Script Host', 'Microsoft ® Windows Script Host', 'Microsoft Corporation', 'wscript.exe'],
  'cscript.exe': ['5.812.10240.16384', 'Microsoft ® Console Based Script Host', 'Microsoft ® Windows Script Host', 'Microsoft Corporation', 'cscript.exe'],
  'mshta.exe': ['11.00.22621.1 (WinBuild.160101.0800)', 'Microsoft (R) HTML Application host', 'Internet Explorer', 'Microsoft Corporation', 'MSHTA.EXE'],
  'rundll32.exe': ['10.0.22621.1 (WinBuild.160101.0800)', 'Windows host process (Rundll32)', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'RUNDLL32.EXE'],
  'consent.exe': ['10.0.22621.4111 (WinBuild.160101.0800)', 'Consent UI for administrative applications', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'consent.exe'],
  'ipconfig.exe': ['10.0.22621.1 (WinBuild.160101.0800)', 'IP Configuration Utility', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'ipconfig.exe'],
  'whoami.exe': ['10.0.22621.1 (WinBuild.160101.0800)', 'whoami - displays logged on user information', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'whoami.exe'],
  'ping.exe': ['10.0.22621.1 (WinBuild.160101.0800)', 'TCP/IP Ping Command', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'ping.exe'],
  'notepad.exe': ['10.0.22621.4111 (WinBuild.160101.0800)', 'Notepad', 'Microsoft® Windows® Operating System', 'Microsoft Corporation', 'NOTEPAD.EXE'],
  'msedge.exe': ['131.0.2903.51', 'Microsoft Edge', 'Microsoft Edge', 'Microsoft Corporation', 'msedge.exe'],
  'chrome.exe': ['131.0.6778.86', 'Google Chrome', 'Google Chrome', 'Google LLC', 'chrome.exe'],
  'outlook.exe': ['16.0.18129.20158', 'Microsoft Outlook', 'Microsoft Outlook', 'Microsoft Corporation', 'Outlook.exe'],
  'ms-teams.exe': ['24295.605.3225.8804', 'Microsoft Teams', 'Microsoft Teams', 'Microsoft Corporation', 'ms-teams.exe'],
  'msedgewebview2.exe': ['131.0.2903.51', 'Microsoft Edge WebView2', 'Microsoft Edge WebView2', 'Microsoft Corporation', 'msedgewebview2.exe'],
  'onedrive.exe': ['24.211.1020.0002', 'Microsoft OneDrive', 'Microsoft OneDrive', 'Microsoft Corporation', 'OneDrive.exe'],
  'excel.exe': ['16.0.18129.20158', 'Microsoft Excel', 'Microsoft Office', 'Microsoft Corporation', 'Excel.exe'],
  'winword.exe': ['16.0.18129.20158', 'Microsoft Word', 'Microsoft Office', 'Microsoft Corporation', 'WinWord.exe'],
  'code.exe': ['1.95.3', 'Visual Studio Code', 'Visual Studio Code', 'Microsoft Corporation', 'electron.exe'],
  'code - insiders.exe': ['1.96.0-insider', 'Visual Studio Code - Insiders', 'Visual Studio Code - Insiders', 'Microsoft Corporation', 'electron.exe'],
  'code-tunnel.exe': ['1.95.3', 'Visual Studio Code CLI', 'Visual Studio Code', 'Microsoft Corporation', 'code-tunnel.exe'],
  'code-tunnel-insiders.exe': ['1.96.0-insider', 'Visual Studio Code - Insiders CLI', 'Visual Studio Code - Insiders', 'Microsoft Corporation', 'code-tunnel-insiders.exe'],
  'cursor.exe': ['0.43.6', 'Cursor', 'Cursor', 'Anysphere', 'electron.exe'],
  'devtunnel.exe': ['1.0.1435.0', 'devtunnel', 'Microsoft Dev Tunnels', 'Microsoft Corporation', 'devtunnel.dll'],
  'git.exe': ['2.47.0.2', 'Git for Windows', 'Git', 'The Git Development Community', 'git.exe'],
  'git-remote-https.exe': ['2.47.0.2', 'Git for Windows', 'Git', 'The Git Development Community', 'git-remote-https.exe'],
  'git-credential-manager.exe': ['2.6.0.0', 'Git Credential Manager', 'Git Credential Manager', 'GitHub', 'git-credential-manager.dll'],
  'gh.exe': ['2.62.0', 'GitHub CLI', 'GitHub CLI', 'GitHub', 'gh.exe'],
  'githubdesktop.exe': ['3.4.9', 'GitHub Desktop', 'GitHub Desktop', 'GitHub, Inc.', 'electron.exe'],
  'node.exe': ['22.11.0', 'Node.js JavaScript Runtime', 'Node.js', 'Node.js', 'node.exe'],
  'python.exe': ['3.12.7', 'Python', 'Python', 'Python Software Foundation', 'python.exe'],
  'idea64.exe': ['2024.3.0.0', 'IntelliJ IDEA', 'IntelliJ IDEA', 'JetBrains s.r.o.', 'idea64.exe'],
  'pycharm64.exe': ['2024.3.0.0', 'PyCharm', 'PyCharm', 'JetBrains s.r.o.', 'pycharm64.exe'],
  'rider64.exe': ['2024.3.0.0', 'JetBrains Rider', 'JetBrains Rider', 'JetBrains s.r.o.', 'rider64.exe'],
  'fsnotifier.exe': ['2024.3.0.0', 'IntelliJ Platform file system notifier', 'IntelliJ Platform', 'JetBrains s.r.o.', 'fsnotifier.exe'],
  'jetbrains-toolbox.exe': ['2.5.2.35332', 'JetBrains Toolbox', 'JetBrains Toolbox', 'JetBrains s.r.o.', 'jetbrains-toolbox.exe'],
  'gateway64.exe': ['2024.3.0.0', 'JetBrains Gateway', 'JetBrains Gateway', 'JetBrains s.r.o.', 'gateway64.exe'],
  'java.exe': ['21.0.5.0', 'OpenJDK Platform binary', 'OpenJDK Platform 21.0.5', 'JetBrains s.r.o.', 'java.exe'],
  'msbuild.exe': ['17.12.6.51805', 'MSBuild.exe', 'Microsoft® Build Tools®', 'Microsoft Corporation', 'MSBuild.exe'],
  'ngrok.exe': ['3.18.4', '-', '-', '-', '-'],
  'cloudflared.exe': ['2024.11.1', 'Cloudflare Tunnel daemon', 'cloudflared', 'Cloudflare, Inc.', 'cloudflared.exe'],
  'ssh.exe': ['9.5.4.1', 'OpenSSH SSH client', 'OpenSSH for Windows', 'Microsoft Corporation', 'ssh.exe'],
  'slack.exe': ['4.41.105', 'Slack', 'Slack', 'Slack Technologies, LLC', 'electron.exe'],
  'acrord32.exe': ['24.4.20220.0', 'Adobe Acrobat Reader', 'Adobe Acrobat Reader', 'Adobe Systems Incorporated', 'AcroRd32.exe'],
  'psexesvc.exe': ['2.43', 'PsExec Service', 'Sysinternals PsExec', 'Sysinternals - www.sysinternals.com', 'psexesvc.exe'],
};

/** Metadata for an image path: [FileVersion, Description, Product, Company, OriginalFileName]. */
export function imageMeta(image) {
  const base = image.split(/[\\/]/).pop().toLowerCase();
  return IMAGE_META[base] ?? ['-', '-', '-', '-', '-'];
}
