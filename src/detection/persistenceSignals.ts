import type { EventView } from '../events/eventView';
import { parseTaskContent } from '../events/taskContent';
import type { Match } from './combine';
import { pathStyle, splitByStyle } from './commandLine';
import { accountMatch } from './context';
import { Evidence, field, invocationMatches, mainTool, NOTHING } from './evidence';
import { findInvocations, Invocation, mayHoldInvocation } from './invocations';
import { baseName } from './paths';
import { programByName, Tool } from './tools';

/** Tunnel invocations (not housekeeping) in a command line stored by a persistence mechanism. */
function tunnelCommands(commandLine: string): Invocation[] {
  if (commandLine === '' || !mayHoldInvocation(commandLine)) return [];
  const style = pathStyle(commandLine);
  return findInvocations(splitByStyle(commandLine, style), style)
    .map((f) => f.invocation)
    .filter((i) => !i.housekeeping);
}

function withInvocations(base: Match[], invocations: readonly Invocation[], fallbackTool: Tool | ''): Evidence {
  const matches = [...base];
  for (const invocation of invocations) matches.push(...invocationMatches(invocation));
  return { matches, tool: invocations.length > 0 ? mainTool(invocations) : fallbackTool };
}

/**
 * Names the VS Code CLI gives its autostart entries: Run value `Visual Studio Code Tunnel`
 * (Insiders: `Visual Studio Code - Insiders Tunnel`), legacy service `code_tunnel`; forks keep the
 * pattern. A lower-case name holding `tunnel` and `code` (or `cursor`).
 */
function isTunnelEntryName(lowerName: string): boolean {
  return lowerName.includes('tunnel') && (lowerName.includes('code') || lowerName.includes('codium') || lowerName.includes('cursor'));
}

/** The writer of a registry value or file, when it is not one of the tunnel tools or IDEs. */
function writerNotIde(writer: string): string | undefined {
  return writer !== '' && !programByName(writer) ? baseName(writer) : undefined;
}

/**
 * Sysmon EID 13 (registry value set) under a `...\CurrentVersion\Run` key (Run, RunOnce,
 * RunOnceEx, Policies\Explorer\Run): the value `Visual Studio Code Tunnel` that
 * `code tunnel service install` writes on Windows, or any Run value whose data (`Details`) is a
 * tunnel command line. T1547.001.
 */
export function registryEvidence(event: EventView): Evidence {
  const target = field(event, 'TargetObject');
  const lowerTarget = target.toLowerCase();
  if (!lowerTarget.includes('\\currentversion\\run')) return NOTHING;
  const valueName = target.slice(target.lastIndexOf('\\') + 1);
  const base: Match[] = [];
  const lowerName = valueName.toLowerCase();
  const invocations = tunnelCommands(field(event, 'Details'));
  // The data is the stronger evidence; the name alone counts when the data is not readable.
  if (invocations.length > 0) base.push({ id: 'persist.run-key', value: valueName });
  else if (isTunnelEntryName(lowerName)) base.push({ id: 'persist.run-key-name', value: valueName });
  if (base.length === 0) return NOTHING;
  const writer = writerNotIde(field(event, 'Image'));
  if (writer) base.push({ id: 'persist.writer-not-ide', value: writer });
  return withInvocations(base, invocations, 'vscode');
}

/**
 * Security 4698 (task created) / 4702 (task updated): the task XML in `TaskContent` is parsed
 * (events/taskContent.ts) and each Exec action's `Command` + `Arguments` is read as one command
 * line by the tool grammar, because the two are separate elements. A task whose principal is
 * SYSTEM adds `account.system`. T1053.005.
 */
export function scheduledTaskEvidence(event: EventView): Evidence {
  const content = field(event, 'TaskContent');
  if (content === '' || !mayHoldInvocation(content)) return NOTHING;
  const task = parseTaskContent(content);
  if (!task) return NOTHING;
  const invocations: Invocation[] = [];
  for (const action of task.actions) {
    const command = action.command.includes(' ') && !action.command.startsWith('"') ? `"${action.command}"` : action.command;
    for (const invocation of tunnelCommands(`${command} ${action.arguments}`.trim())) invocations.push(invocation);
  }
  if (invocations.length === 0) return NOTHING;
  const name = field(event, 'TaskName') || task.uri || 'unnamed';
  const base: Match[] = [{ id: 'persist.scheduled-task', value: name }];
  const account = accountMatch(task.userId);
  if (account) base.push(account);
  return withInvocations(base, invocations, '');
}

/**
 * Security 4697 / System 7045 (service installed): the legacy VS Code CLI service name
 * `code_tunnel`, or any service whose ImagePath is a tunnel command line. T1543.003.
 */
export function serviceEvidence(event: EventView): Evidence {
  const serviceName = field(event, 'ServiceName');
  const base: Match[] = [];
  const lowerName = serviceName.toLowerCase();
  const invocations = tunnelCommands(field(event, 'ImagePath'));
  if (invocations.length > 0) base.push({ id: 'persist.service', value: serviceName || 'unnamed' });
  else if (isTunnelEntryName(lowerName)) base.push({ id: 'persist.service-name', value: serviceName });
  if (base.length === 0) return NOTHING;
  const account = accountMatch(field(event, 'ServiceAccount'));
  if (account) base.push(account);
  return withInvocations(base, invocations, 'vscode');
}
