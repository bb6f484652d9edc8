import type { Match } from '../combine';
import type { Tool } from '../tools';

/** One recognised tool invocation inside a command line. */
export interface Invocation {
  tool: Tool;
  /** argv[0] as written (a path or a bare name). */
  program: string;
  /** Grammar signals: one primary (the subcommand) plus option signals. */
  matches: Match[];
  /** Recognised by argument shape only: the program name is not one of the tool's names. */
  byShape: boolean;
  /** `--parent-process-id` given (the desktop's Remote Tunnel Access passes it). */
  parentProcessId: boolean;
  /** The primary is a housekeeping/client subcommand or a refused launch (no tunnel of its own). */
  housekeeping: boolean;
  /** `serve-web` listening on loopback: its port, to find a tunnel tool publishing it (processSignals.ts). */
  loopbackPort?: number;
}
