import type { EventView } from '../events/eventView';
import type { Match } from './combine';
import { accountMatch, locationMatch } from './context';
import { Evidence, field, NOTHING } from './evidence';
import { baseName, folderKey, programName, runLocation } from './paths';
import { nameHasRole, programHasRole } from './programs';
import { signalRule } from './rules';
import { isIdeDesktop, programByName, Tool } from './tools';

/**
 * Dev Tunnels service names (VS Code tunnels and devtunnel both use them): the words of the
 * `net.tunnel-relay` rule (rules.ts), the control plane `tunnels.api.visualstudio.com`
 * (`global.rel.` / `<region>.rel.` relays under it) and the tunnel URLs `*.devtunnels.ms`.
 * Compared as whole DNS labels (suffix after a dot), never as substrings.
 */
const RELAY_DOMAINS: readonly string[] = signalRule('net.tunnel-relay').words ?? [];

/** The relay domain a host name belongs to, or undefined. Case-insensitive; a trailing dot is ignored. */
export function relayDomain(hostName: string): string | undefined {
  let name = hostName.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  return RELAY_DOMAINS.find((d) => name === d || name.endsWith(`.${d}`));
}

/** The VS Code server's own Node.js (under `.vscode-server` or the CLI's `servers` folder). */
function isVscodeServerNode(image: string): boolean {
  if (!programHasRole(image, 'vscode-server-node')) return false;
  const key = folderKey(image);
  return key.includes('/.vscode-server') || key.includes('/.vscode/cli/') || key.includes('/.vscode-insiders/cli/') || key.includes('/.cursor-server') || key.includes('/.vscodium-server') || key.includes('/.vscode-oss/cli/');
}

/** Signals about the process that asked (`asker.*` and its run location). */
function askerMatches(image: string): Match[] {
  if (image === '') return [];
  const name = programName(image);
  const value = baseName(image);
  const matches: Match[] = [];
  const location = locationMatch(image);
  if (location) matches.push(location);
  if (programByName(image) || isIdeDesktop(image) || isVscodeServerNode(image) || isVisualStudio(name)) {
    const where = runLocation(image);
    if (where === 'install' || isVscodeServerNode(image)) matches.push({ id: 'asker.tool', value });
    else if (where === 'temp' || where === 'user-writable') matches.push({ id: 'tool.portable', value });
  } else if (nameHasRole(name, 'browser')) matches.push({ id: 'asker.browser', value });
  else if (nameHasRole(name, 'script-host', 'shell', 'downloader')) matches.push({ id: 'asker.script-host', value });
  else if (nameHasRole(name, 'system-process')) matches.push({ id: 'asker.system-process', value });
  else matches.push({ id: 'asker.other', value });
  return matches;
}

/**
 * The first relay name among the CNAME records of a Sysmon 22 `QueryResults` value
 * (`type:  5 <name>;` entries, then addresses; Sysmon's DNS query event), or undefined.
 * Splits at `;` and blanks only: linear.
 */
export function relayCname(queryResults: string): string | undefined {
  for (const entry of queryResults.split(';')) {
    const words = entry.trim().split(/\s+/);
    if (words.length < 3 || words[0] !== 'type:' || words[1] !== '5') continue;
    const name = words[words.length - 1];
    if (relayDomain(name)) return name.toLowerCase();
  }
  return undefined;
}

/** Visual Studio's own processes (devenv, its ServiceHub hosts), which host dev tunnels for web debugging. */
function isVisualStudio(name: string): boolean {
  return name === 'devenv' || name.startsWith('servicehub.');
}

/**
 * Sysmon EID 22 `QueryName` (DNS) or EID 3 `DestinationHostname` (network) naming a Dev Tunnels
 * relay, or a DNS name whose CNAME chain (`QueryResults`) does (`net.relay-cname`), weighted by the asking process (`Image`): the CLI or IDE in its install folder lowers,
 * a script host, system process, unknown or temp-folder program, a portable copy of the CLI in a
 * temp or user-writable folder, and its account (`User`: SYSTEM, service, machine) raise.
 */
export function relayEvidence(event: EventView, activity: 'dns' | 'network'): Evidence {
  const hostName = field(event, activity === 'dns' ? 'QueryName' : 'DestinationHostname');
  let domain = hostName === '' ? undefined : relayDomain(hostName);
  // A name that is not a relay name but resolves to one (its CNAME chain in QueryResults).
  const cname = !domain && activity === 'dns' ? relayCname(field(event, 'QueryResults')) : undefined;
  if (cname) domain = relayDomain(cname);
  if (!domain) return NOTHING;
  const image = field(event, 'Image');
  const matches: Match[] = [{ id: 'net.tunnel-relay', value: cname ? cname : hostName.trim(), activity }, ...askerMatches(image)];
  if (cname) matches.push({ id: 'net.relay-cname', value: hostName.trim() });
  const account = accountMatch(field(event, 'User'));
  if (account) matches.push(account);
  const askerTool: Tool | undefined = image !== '' ? programByName(image)?.tool : undefined;
  return { matches, tool: askerTool ?? (domain === 'devtunnels.ms' ? 'devtunnel' : '') };
}
