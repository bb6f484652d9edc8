/**
 * Builders for labelled corpus cases (test/corpus/*.jsonl). Each builder takes a compact case
 * description and returns `{ id, label, category, source, note, expect?, event }` where `event`
 * holds the fields as Splunk would extract them: Sysmon EventData names for EID 1/3/11/13/22,
 * Security 4698 / 4697 and System 7045 names, plus `_time`, `host`, `source`, `sourcetype`.
 *
 * Field names: Sysmon schema 4.x (Sysinternals docs); 4698/4697 from Microsoft's security
 * auditing reference; 7045 from the Service Control Manager event (System log). Linux events
 * follow Sysmon for Linux (same EventData names, POSIX paths, `source=Syslog:Linux-Sysmon/Operational`).
 *
 * Ids are `<category>-<nn>` in file order; `_time` advances deterministically per case, so
 * regenerating gives identical files.
 */
import { imageMeta, taskXml, xmlText } from '../lib/synthetic.mjs';

const SRC = {
  sysmon: { source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', sourcetype: 'XmlWinEventLog' },
  security: { source: 'XmlWinEventLog:Security', sourcetype: 'XmlWinEventLog' },
  system: { source: 'XmlWinEventLog:System', sourcetype: 'XmlWinEventLog' },
  linux: { source: 'Syslog:Linux-Sysmon/Operational', sourcetype: 'sysmon:linux' },
};

let clock = Date.UTC(2026, 10, 18, 7, 30, 0);
let pidSeq = 4000;
const counters = new Map();

/** The next deterministic case time (ISO 8601, UTC); shared by every builder so cases never overlap. */
export function nextTime() {
  clock += 61_000 + ((clock / 1000) % 7) * 13_000;
  return new Date(clock).toISOString();
}

function nextPid() {
  pidSeq += 36;
  return String(pidSeq);
}

/** Common case envelope; `c` carries label/category/source/note/expect. */
export function envelope(c, event) {
  for (const k of ['label', 'category', 'source', 'note']) {
    if (!c[k]) throw new Error(`corpus case in ${c.category ?? '?'} lacks ${k}: ${JSON.stringify(event).slice(0, 120)}`);
  }
  const n = (counters.get(c.category) ?? 0) + 1;
  counters.set(c.category, n);
  // A relabelled case moved to another category keeps its old number retired, so the ids of the
  // cases after it in its old category do not change.
  if (c.retiresSlotOf) counters.set(c.retiresSlotOf, (counters.get(c.retiresSlotOf) ?? 0) + 1);
  const out = { id: `${c.category}-${String(n).padStart(2, '0')}`, label: c.label, category: c.category, source: c.source, note: c.note };
  if (c.expect) out.expect = c.expect;
  out.event = event;
  return out;
}

/** Directory part of a path, with trailing separator. */
function dirOf(path) {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i < 0 ? path : path.slice(0, i + 1);
}

/**
 * Sysmon EID 1 (Windows).
 * c: { host, user, image, cmd, parent, parentCmd?, parentUser?, ofn?, cwd?, integrity?, meta? }
 */
export function proc(c) {
  const meta = c.meta ?? imageMeta(c.image);
  const system = /^NT AUTHORITY\\/i.test(c.user);
  const event = {
    EventCode: '1',
    _time: nextTime(),
    host: c.host,
    ...SRC.sysmon,
    RuleName: '-',
    ProcessId: nextPid(),
    Image: c.image,
    FileVersion: meta[0],
    Description: meta[1],
    Product: meta[2],
    Company: meta[3],
    OriginalFileName: c.ofn ?? meta[4],
    CommandLine: c.cmd,
    CurrentDirectory: c.cwd ?? dirOf(c.image),
    User: c.user,
    IntegrityLevel: c.integrity ?? (system ? 'System' : 'Medium'),
    ParentProcessId: nextPid(),
    ParentImage: c.parent,
    ParentCommandLine: c.parentCmd ?? (c.parent.includes(' ') ? `"${c.parent}"` : c.parent),
    ParentUser: c.parentUser ?? c.user,
  };
  return envelope(c, event);
}

/** Sysmon for Linux EID 1. c: { host, user, image, cmd, parent, parentCmd, cwd?, parentUser? } */
export function lproc(c) {
  const event = {
    EventCode: '1',
    _time: nextTime(),
    host: c.host,
    ...SRC.linux,
    RuleName: '-',
    ProcessId: nextPid(),
    Image: c.image,
    FileVersion: '-',
    Description: '-',
    Product: '-',
    Company: '-',
    OriginalFileName: '-',
    CommandLine: c.cmd,
    CurrentDirectory: c.cwd ?? dirOf(c.image),
    User: c.user,
    LogonId: '0',
    TerminalSessionId: '3',
    IntegrityLevel: 'no level',
    ParentProcessId: nextPid(),
    ParentImage: c.parent,
    ParentCommandLine: c.parentCmd ?? c.parent,
    ParentUser: c.parentUser ?? c.user,
  };
  return envelope(c, event);
}

/** Header fields shared by Sysmon events: EventCode, _time, host, source/sourcetype, RuleName, ProcessId. */
function sysmonHeader(eventCode, c) {
  return { EventCode: eventCode, _time: nextTime(), host: c.host, ...(c.linux ? SRC.linux : SRC.sysmon), RuleName: '-', ProcessId: nextPid() };
}

/** Sysmon EID 22. c: { host, user, image, query, results?, linux? } */
export function dns(c) {
  const event = {
    ...sysmonHeader('22', c),
    QueryName: c.query,
    QueryStatus: '0',
    QueryResults: c.results ?? '::ffff:20.103.221.187;',
    Image: c.image,
    User: c.user,
  };
  return envelope(c, event);
}

/** Sysmon EID 3. c: { host, user, image, destHost, destIp?, port?, linux? } */
export function net(c) {
  const event = {
    ...sysmonHeader('3', c),
    Image: c.image,
    User: c.user,
    Protocol: 'tcp',
    Initiated: 'true',
    SourceIsIpv6: 'false',
    SourceIp: '10.20.6.41',
    SourcePort: String(50000 + Number(pidSeq % 9000)),
    DestinationIsIpv6: 'false',
    DestinationIp: c.destIp ?? '20.103.221.187',
    DestinationHostname: c.destHost,
    DestinationPort: String(c.port ?? 443),
    DestinationPortName: (c.port ?? 443) === 443 ? 'https' : '-',
  };
  return envelope(c, event);
}

/** Sysmon EID 11. c: { host, user, image, target, linux? } */
export function file(c) {
  const event = {
    ...sysmonHeader('11', c),
    Image: c.image,
    TargetFilename: c.target,
    User: c.user,
  };
  return envelope(c, event);
}

/** Sysmon EID 13 (registry value set). c: { host, user, image, target, details } */
export function reg(c) {
  const event = {
    ...sysmonHeader('13', c),
    EventType: 'SetValue',
    Image: c.image,
    TargetObject: c.target,
    Details: c.details,
    User: c.user,
  };
  return envelope(c, event);
}

/**
 * Security 4698. c: { host, subject: 'DOMAIN\\user', taskName, command, args, userId?, logonType?,
 * runLevel?, trigger?, encoding: 'escaped' | 'plain' }. `escaped` gives TaskContent as Splunk's
 * XmlWinEventLog extraction delivers it (the task XML still entity-escaped: `&lt;Task ...&gt;`);
 * `plain` gives the decoded XML (as evtx-to-JSON converters deliver it).
 */
export function task4698(c) {
  const [domain, name] = c.subject.split('\\');
  const xml = taskXml({ uri: c.taskName, author: c.subject, command: c.command, args: c.args, userId: c.userId ?? c.subject, logonType: c.logonType, runLevel: c.runLevel, trigger: c.trigger });
  const event = {
    EventCode: '4698',
    _time: nextTime(),
    host: c.host,
    ...SRC.security,
    SubjectUserSid: 'S-1-5-21-3623811015-3361044348-30300820-1644',
    SubjectUserName: name,
    SubjectDomainName: domain,
    SubjectLogonId: '0x4c1a2f',
    TaskName: c.taskName,
    TaskContent: c.encoding === 'plain' ? xml : xmlText(xml),
  };
  return envelope(c, event);
}

/** System 7045 (service installed). c: { host, serviceName, imagePath, account?, startType? } */
export function svc7045(c) {
  const event = {
    EventCode: '7045',
    _time: nextTime(),
    host: c.host,
    ...SRC.system,
    ServiceName: c.serviceName,
    ImagePath: c.imagePath,
    ServiceType: 'user mode service',
    StartType: c.startType ?? 'auto start',
    AccountName: c.account ?? 'LocalSystem',
  };
  return envelope(c, event);
}

/** Security 4697 (service installed). c: { host, subject, serviceName, fileName, account? } */
export function svc4697(c) {
  const [domain, name] = c.subject.split('\\');
  const event = {
    EventCode: '4697',
    _time: nextTime(),
    host: c.host,
    ...SRC.security,
    SubjectUserName: name,
    SubjectDomainName: domain,
    ServiceName: c.serviceName,
    ServiceFileName: c.fileName,
    ServiceType: '0x10',
    ServiceStartType: '2',
    ServiceAccount: c.account ?? 'LocalSystem',
  };
  return envelope(c, event);
}

/**
 * An event that carries only CIM (Endpoint / Network_Resolution) field names, e.g. from an EDR
 * add-on, or the `Processes.*` names a `tstats` search produces. c: { fields } (already named).
 */
export function cim(c) {
  return envelope(c, { _time: nextTime(), ...c.fields });
}
