import type { EventView } from '../events/eventView';
import type { Match } from './combine';
import { pathStyle, splitByStyle } from './commandLine';
import { childEvidence } from './childSignals';
import { accountMatch, parentIsIdeDesktop, parentMatch } from './context';
import { Evidence, field, invocationMatches, mainTool, NOTHING } from './evidence';
import { decodedPowerShell, isPowerShell } from './encodedCommand';
import { findInvocations, Invocation, mayHoldInvocation } from './invocations';
import { baseName, isTunnelUnitName, programName } from './paths';
import { signalRule } from './rules';
import { programByName, Tool, toolByOriginalFileName, toolOfImage } from './tools';

/** Tools that share one binary lineage (Cursor's CLI is a VS Code CLI build). */
function family(tool: Tool): string {
  return tool === 'devtunnel' || tool === 'jetbrains' ? tool : 'vscode';
}

function optionValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a.toLowerCase() === name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** A PowerShell `-e`/`/e...` parameter (EncodedCommand abbreviations start with e); literal, linear. */
const ENCODED_OPTION = /[ \t][-/]e/i;

/**
 * What the desktop's Remote Tunnel Access runs (microsoft/vscode remoteTunnelService.ts): the
 * tunnel with `--parent-process-id`, `tunnel user login --provider ... --access-token`, status.
 * Counts only with the IDE desktop (not its CLI hop) as parent.
 */
function desktopManaged(invocation: Invocation): boolean {
  return invocation.parentProcessId || invocation.matches.some((m) => signalRule(m.id).desktopRoutine === true);
}

/**
 * Persistence set up by the process that carries a tunnel command line:
 * `schtasks /create ... /tr "<cmd>"` (T1053.005), `reg add ...\CurrentVersion\Run ... /d "<cmd>"`
 * (T1547.001), `sc create|config <name> binPath= "<cmd>"` and `nssm install <name> <cmd>` (T1543.003), and their PowerShell
 * equivalents (`Register-ScheduledTask`, `New-ItemProperty ...\Run`, `New-Service`).
 * Sources: schtasks, reg and sc command references (learn.microsoft.com/windows-server/administration/windows-commands).
 */
function launcherPersistence(image: string, argv: readonly string[], lowerLine: string): Match | undefined {
  const name = programName(image !== '' ? image : argv[0] ?? '');
  const lowerArgs = argv.map((a) => a.toLowerCase());
  if (name === 'schtasks' && lowerArgs.includes('/create')) return { id: 'persist.scheduled-task', value: optionValue(argv, '/tn') ?? 'unnamed' };
  if (name === 'reg' && lowerArgs[1] === 'add' && lowerLine.includes('\\currentversion\\run')) {
    return { id: 'persist.run-key', value: optionValue(argv, '/v') ?? 'default' };
  }
  if (name === 'sc' && (lowerArgs[1] === 'create' || lowerArgs[1] === 'config')) return { id: 'persist.service', value: argv[2] ?? 'unnamed' };
  if (name === 'nssm' && (lowerArgs[1] === 'install' || lowerArgs[1] === 'set')) return { id: 'persist.service', value: argv[2] ?? 'unnamed' };
  if (name === 'powershell' || name === 'pwsh') {
    if (lowerLine.includes('\\currentversion\\run')) return { id: 'persist.run-key', value: 'PowerShell' };
    if (lowerLine.includes('register-scheduledtask') || lowerLine.includes('new-scheduledtaskaction')) return { id: 'persist.scheduled-task', value: 'PowerShell' };
    if (lowerLine.includes('new-service')) return { id: 'persist.service', value: 'PowerShell' };
  }
  return undefined;
}

/**
 * `launchctl load|bootstrap <plist>` or `launchctl start|kickstart|enable <label>` of the macOS
 * tunnel service the VS Code CLI registers (microsoft/vscode cli/src/tunnels/service_macos.rs:
 * `~/com.visualstudio.<applicationName>.tunnel.plist`, label `com.visualstudio.<applicationName>.tunnel`).
 * T1543.001. Unload, stop, remove and list start nothing.
 */
function launchdControl(argv: readonly string[]): Evidence {
  if (programName(argv[0] ?? '') !== 'launchctl') return NOTHING;
  const verb = (argv[1] ?? '').toLowerCase();
  if (!['load', 'bootstrap', 'start', 'kickstart', 'enable'].includes(verb)) return NOTHING;
  for (const arg of argv.slice(2)) {
    const last = baseName(arg);
    const label = last.endsWith('.plist') ? last.slice(0, -'.plist'.length) : last;
    if (label.startsWith('com.visualstudio.') && label.endsWith('.tunnel') && label.length > 'com.visualstudio..tunnel'.length) {
      const app = label.slice('com.visualstudio.'.length, -'.tunnel'.length);
      const tool: Tool = app.startsWith('cursor') ? 'cursor' : app.startsWith('codium') ? 'vscodium' : app.includes('insiders') ? 'vscode-insiders' : 'vscode';
      return { matches: [{ id: 'persist.launchd-plist', value: arg }], tool };
    }
  }
  return NOTHING;
}

/** A port number written alone, after `host:`, or in a URL (`http://localhost:8000/x`); undefined otherwise. */
function portIn(text: string): number | undefined {
  let rest = text;
  const scheme = rest.indexOf('://');
  if (scheme >= 0) rest = rest.slice(scheme + 3);
  const slash = rest.indexOf('/');
  if (slash >= 0) rest = rest.slice(0, slash);
  const digits = rest.slice(rest.lastIndexOf(':') + 1);
  return digits.length > 0 && digits.length <= 5 && /^[0-9]+$/.test(digits) ? Number(digits) : undefined;
}

/**
 * A tunnel tool in the same command line publishing `port`, as `ngrok http|tcp|tls <port>`
 * (ngrok agent CLI), `cloudflared tunnel --url http://localhost:<port>` (Cloudflare quick tunnels)
 * or `devtunnel host -p <port>` (Dev Tunnels CLI): the text of that command, or undefined.
 * Words are split at blanks and quotes only (one character class: linear).
 */
function publisherOf(commandLine: string, port: number): string | undefined {
  const words = commandLine.split(/[\s"';,]+/);
  for (let i = 0; i < words.length; i++) {
    const name = programName(words[i]);
    if (name !== 'ngrok' && name !== 'cloudflared' && name !== 'devtunnel') continue;
    for (let j = i + 1; j < words.length && j < i + 12; j++) {
      const word = words[j].toLowerCase();
      const next = words[j + 1] ?? '';
      let published: number | undefined;
      if (name === 'ngrok' && (word === 'http' || word === 'tcp' || word === 'tls')) published = portIn(next);
      else if (name === 'cloudflared' && word === '--url') published = portIn(next);
      else if (name === 'cloudflared' && word.startsWith('--url=')) published = portIn(word.slice(6));
      else if (name === 'devtunnel' && (word === '-p' || word === '--port-numbers')) published = portIn(next);
      if (published === port) return `${baseName(words[i])} ${words[j]} ${word.startsWith('--url=') ? '' : next}`.trim();
    }
  }
  return undefined;
}

/** No evidence, but the tool the image belongs to (the desktop editor, an IDE), for `ide_tunnel_tool`. */
function toolOnly(image: string): Evidence {
  const tool = image !== '' ? toolOfImage(image) : undefined;
  return tool ? { matches: [], tool } : NOTHING;
}

/** No evidence of its own: what its parent says (childSignals.ts), else the tool of the image. */
function childOrToolOnly(event: EventView, image: string): Evidence {
  return childEvidence(event, image, processEvidence) ?? toolOnly(image);
}

/**
 * `systemctl [--user] enable|start|restart <unit>` of a unit named like the VS Code CLI's Linux
 * tunnel service (`code-tunnel.service`, Insiders and Cursor variants). T1543.002.
 */
function systemdControl(argv: readonly string[]): Evidence {
  if (programName(argv[0] ?? '') !== 'systemctl') return NOTHING;
  const lower = argv.map((a) => a.toLowerCase());
  if (!lower.some((a) => a === 'enable' || a === 'start' || a === 'restart' || a === 'reenable')) return NOTHING;
  const unit = argv.find((a) => isTunnelUnitName(a.toLowerCase()));
  return unit ? { matches: [{ id: 'persist.systemd-unit', value: unit }], tool: 'vscode' } : NOTHING;
}

/**
 * Signals of a process creation event (Sysmon EID 1 on Windows and Linux, Security 4688, CIM
 * Endpoint.Processes): the tool grammar on the command line (own program and nested command
 * lines), renamed binaries, run location, parent, account, desktop-managed tunnels, and
 * persistence set up by the launcher.
 *
 * Fast path: events whose CommandLine and Image hold none of the grammar's key words (see
 * mayHoldInvocation), with no tool OriginalFileName and no PowerShell encoded command, return at
 * once without tokenizing (~0.3 us instead of ~1.5 us per row on the OTRF EID 1 set).
 */
export function processEvidence(event: EventView): Evidence {
  const commandLine = field(event, 'CommandLine');
  const image = field(event, 'Image') || field(event, 'NewProcessName') || field(event, 'ProcessName');
  if (commandLine === '' && image === '') return NOTHING;
  const originalFileName = field(event, 'OriginalFileName');
  const ofnTool = originalFileName !== '' ? toolByOriginalFileName(originalFileName) : undefined;
  const hasKeyWord = mayHoldInvocation(commandLine) || mayHoldInvocation(image);
  const encoded = !hasKeyWord && ENCODED_OPTION.test(commandLine) && isPowerShell(image !== '' ? image : commandLine.trimStart().split(' ')[0]);
  if (!ofnTool && !encoded && !hasKeyWord) return childOrToolOnly(event, image);
  const lowerLine = commandLine.toLowerCase();

  const style = pathStyle(image !== '' ? image : commandLine);
  const argv = commandLine !== '' ? splitByStyle(commandLine, style) : [image];
  if (image !== '' && argv.length > 0) argv[0] = image; // the Image field is the real program path
  // `powershell -EncodedCommand <base64>`: the decoded script is read as a nested command line.
  const script = encoded ? decodedPowerShell(image, argv) : undefined;
  if (script !== undefined && mayHoldInvocation(script)) argv.push(script);
  else if (!ofnTool && !hasKeyWord) return childOrToolOnly(event, image);
  const imageTool = programByName(image !== '' ? image : argv[0])?.tool;
  const renamedByOfn = ofnTool !== undefined && (imageTool === undefined || family(imageTool) !== family(ofnTool));

  const found = findInvocations(argv, style, ofnTool);
  if (found.length === 0) {
    const unit = systemdControl(argv);
    if (unit.matches.length > 0) return unit;
    const agent = launchdControl(argv);
    return agent.matches.length > 0 ? agent : childOrToolOnly(event, image);
  }

  const parentImage = field(event, 'ParentImage') || field(event, 'ParentProcessName');
  const parentCommandLine = field(event, 'ParentCommandLine');
  const matches: Match[] = [];
  const invocations: Invocation[] = [];
  let nested = false;
  let nestedTunnel = false;
  for (const { invocation, own } of found) {
    invocations.push(invocation);
    const published = invocation.loopbackPort !== undefined ? publisherOf(commandLine, invocation.loopbackPort) : undefined;
    if (published) matches.push({ id: 'vscode.serve-web-published', value: published });
    if (own) {
      matches.push(...invocationMatches(invocation, image));
      if (renamedByOfn) matches.push({ id: 'renamed.original-file-name', value: originalFileName });
      const parent = parentMatch(parentImage, parentCommandLine);
      // Explorer starts Run-key entries at logon: for the tunnel service that is autostart, not a user's click.
      if (parent && !(parent.id === 'parent.explorer' && invocation.matches.some((m) => m.id === 'vscode.service-run'))) matches.push(parent);
      if (desktopManaged(invocation) && parentIsIdeDesktop(parentImage, parentCommandLine)) matches.push({ id: 'vscode.desktop-managed' });
    } else {
      matches.push(...invocationMatches(invocation));
      nested = true;
      if (!invocation.housekeeping) nestedTunnel = true;
    }
  }
  if (nested) {
    // Who launched the nested tools: the event's own program (a shell, schtasks, ...) or its parent.
    const launcher = parentMatch(image, commandLine) ?? parentMatch(parentImage, parentCommandLine);
    if (launcher) matches.push(launcher);
  }
  if (nestedTunnel) {
    const persistence = launcherPersistence(image, argv, lowerLine);
    if (persistence) matches.push(persistence);
  }
  // `schtasks /create ... /ru SYSTEM`: the task's account, not the creator's, runs the tunnel.
  const runAs = nestedTunnel && programName(image) === 'schtasks' ? optionValue(argv, '/ru') : undefined;
  const account = accountMatch(runAs ?? (field(event, 'User') || field(event, 'SubjectUserName')));
  if (account) matches.push(account);
  return { matches, tool: mainTool(invocations) };
}
