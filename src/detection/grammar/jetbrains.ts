import type { Invocation } from './invocation';

/** JetBrains `remote-dev-server(.sh|.bat) <command>`: `run` hosts the IDE backend; the rest is housekeeping. */
export function jetbrainsRemoteDevInvocation(program: string, args: readonly string[]): Invocation {
  const command = args.find((a) => a[0] !== '-')?.toLowerCase() ?? 'help';
  const run = command === 'run';
  return {
    tool: 'jetbrains',
    program,
    matches: [run ? { id: 'jetbrains.remote-dev-host' } : { id: 'jetbrains.housekeeping', value: command }],
    byShape: false,
    parentProcessId: false,
    housekeeping: !run,
  };
}
