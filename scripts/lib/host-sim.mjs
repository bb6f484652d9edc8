/**
 * A tiny per-host process model for synthetic Sysmon data: it hands out process ids and
 * ProcessGuids, remembers each process so children carry their parent's Image/CommandLine/User,
 * and records Sysmon EID 1 / 3 / 11 / 22 and Security 4698 events as plain objects
 * ({channel, eventId, timeMs, computer, data}) for a renderer to serialise.
 *
 * Shapes follow the Sysmon schema 4.x field names (see ./synthetic.mjs for the sources).
 */
import { digest, imageMeta, sysmonGuid, sysmonHashes, sysmonUtc } from './synthetic.mjs';

/** A simulated Windows host. */
export class Host {
  /**
   * @param {string} name NetBIOS host name (Computer is `${name}.${fqdnSuffix}`)
   * @param {object} rnd PRNG helper from makeRandom()
   * @param {object} [opts] { fqdnSuffix = 'corp.example.com', ip = '10.20.0.10' }
   */
  constructor(name, rnd, opts = {}) {
    this.name = name;
    this.computer = `${name}.${opts.fqdnSuffix ?? 'corp.example.com'}`;
    this.ip = opts.ip ?? '10.20.0.10';
    this.rnd = rnd;
    this.events = [];
    this.nextPid = 1000 + rnd.int(0, 400) * 4;
    this.sysmonPid = 3000 + rnd.int(0, 300) * 4;
    this.sessions = new Map();
    this.seq = 0;
  }

  pid() {
    this.nextPid += 4 * this.rnd.int(1, 60);
    return this.nextPid;
  }

  /** Logon session of a user: LogonGuid, LogonId, TerminalSessionId, integrity level. */
  session(user) {
    if (!this.sessions.has(user)) {
      const system = /^NT AUTHORITY\\/i.test(user);
      const logonId = user === 'NT AUTHORITY\\SYSTEM' ? '0x3e7' : user === 'NT AUTHORITY\\LOCAL SERVICE' ? '0x3e5' : user === 'NT AUTHORITY\\NETWORK SERVICE' ? '0x3e4' : `0x${digest('logon', this.name, user).slice(0, 6)}`;
      this.sessions.set(user, {
        logonGuid: sysmonGuid(this.name, 'logon', user),
        logonId,
        terminal: system ? '0' : '1',
        integrity: system ? 'System' : 'Medium',
      });
    }
    return this.sessions.get(user);
  }

  /** A process that already runs (its creation is not part of the log). */
  existing(image, commandLine, user, extra = {}) {
    const pid = extra.pid ?? this.pid();
    return { image, commandLine, user, pid, guid: sysmonGuid(this.name, 'existing', image, commandLine, pid), cwd: extra.cwd ?? 'C:\\Windows\\system32\\', integrity: extra.integrity };
  }

  /**
   * Record a Sysmon EID 1 for a new process and return it.
   * @param {object} parent process record (from existing() or spawn())
   * @param {number} timeMs event time, epoch milliseconds
   * @param {string} image full path of the new image
   * @param {string} commandLine full command line
   * @param {object} [o] { user, cwd, integrity, originalFileName, meta: [FileVersion, Description, Product, Company, OriginalFileName] }
   */
  spawn(parent, timeMs, image, commandLine, o = {}) {
    const user = o.user ?? parent.user;
    const s = this.session(user);
    const pid = this.pid();
    const guid = sysmonGuid(this.name, 'proc', image, commandLine, pid, timeMs);
    const meta = o.meta ?? imageMeta(image);
    const integrity = o.integrity ?? parent.integrity ?? s.integrity;
    const cwd = o.cwd ?? parent.cwd ?? 'C:\\Windows\\system32\\';
    const proc = { image, commandLine, user, pid, guid, cwd, integrity };
    this.push('sysmon', 1, timeMs, {
      RuleName: '-',
      UtcTime: sysmonUtc(timeMs),
      ProcessGuid: guid,
      ProcessId: String(pid),
      Image: image,
      FileVersion: meta[0],
      Description: meta[1],
      Product: meta[2],
      Company: meta[3],
      OriginalFileName: o.originalFileName ?? meta[4],
      CommandLine: commandLine,
      CurrentDirectory: cwd,
      User: user,
      LogonGuid: s.logonGuid,
      LogonId: s.logonId,
      TerminalSessionId: s.terminal,
      IntegrityLevel: integrity,
      Hashes: sysmonHashes(image, meta[0]),
      ParentProcessGuid: parent.guid,
      ParentProcessId: String(parent.pid),
      ParentImage: parent.image,
      ParentCommandLine: parent.commandLine,
      ParentUser: parent.user,
    });
    return proc;
  }

  /** Sysmon EID 22 (DNS query) made by `proc`. */
  dns(proc, timeMs, queryName, results) {
    this.push('sysmon', 22, timeMs, {
      RuleName: '-',
      UtcTime: sysmonUtc(timeMs),
      ProcessGuid: proc.guid,
      ProcessId: String(proc.pid),
      QueryName: queryName,
      QueryStatus: '0',
      QueryResults: results,
      Image: proc.image,
      User: proc.user,
    });
  }

  /** Sysmon EID 3 (outbound TCP connection) made by `proc`. */
  net(proc, timeMs, destIp, destHost, destPort = 443) {
    this.push('sysmon', 3, timeMs, {
      RuleName: '-',
      UtcTime: sysmonUtc(timeMs),
      ProcessGuid: proc.guid,
      ProcessId: String(proc.pid),
      Image: proc.image,
      User: proc.user,
      Protocol: 'tcp',
      Initiated: 'true',
      SourceIsIpv6: 'false',
      SourceIp: this.ip,
      SourceHostname: this.computer,
      SourcePort: String(49152 + this.rnd.int(0, 16000)),
      SourcePortName: '-',
      DestinationIsIpv6: 'false',
      DestinationIp: destIp,
      DestinationHostname: destHost,
      DestinationPort: String(destPort),
      DestinationPortName: destPort === 443 ? 'https' : '-',
    });
  }

  /** Sysmon EID 11 (file created) by `proc`. */
  file(proc, timeMs, targetFilename) {
    this.push('sysmon', 11, timeMs, {
      RuleName: '-',
      UtcTime: sysmonUtc(timeMs),
      ProcessGuid: proc.guid,
      ProcessId: String(proc.pid),
      Image: proc.image,
      TargetFilename: targetFilename,
      CreationUtcTime: sysmonUtc(timeMs),
      User: proc.user,
    });
  }

  /** Security 4698 (scheduled task created); `taskContent` is the plain task XML. */
  task4698(timeMs, subject, taskName, taskContent, clientPid) {
    this.push('security', 4698, timeMs, {
      SubjectUserSid: subject.sid,
      SubjectUserName: subject.name,
      SubjectDomainName: subject.domain,
      SubjectLogonId: subject.logonId,
      TaskName: taskName,
      TaskContent: taskContent,
      ClientProcessStartKey: String(5066549580800000 + this.rnd.int(1000, 9999)),
      ClientProcessId: String(clientPid),
      ParentProcessId: String(clientPid),
      RpcCallClientLocality: '0',
      FQDN: this.computer,
    });
  }

  push(channel, eventId, timeMs, data) {
    this.events.push({ channel, eventId, timeMs, computer: this.computer, data, seq: this.seq++ });
  }
}
