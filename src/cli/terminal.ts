import { createColors } from 'picocolors';

/** Width of table output when stdout is not a terminal and `COLUMNS` is not set (characters). */
export const PIPE_WIDTH = 120;
/** Narrowest width the CLI lays out for (characters); smaller terminals get lines this wide. */
export const MIN_WIDTH = 60;

/** What the CLI knows about where its output goes. */
export interface OutputTarget {
  /** Characters a line may take. */
  width: number;
  /** Whether to colour (ANSI). */
  colour: boolean;
  /** Whether it is a terminal (a progress bar on the same terminal would mix with it). */
  isTerminal: boolean;
}

/**
 * Describes a stream as the CLI writes to it: its width is `COLUMNS` when set (as `ls` reads it), the
 * terminal's when it is one, else {@link PIPE_WIDTH}; colour only on a terminal and never when
 * `NO_COLOR` is set to anything non-empty (https://no-color.org), `FORCE_COLOR` (non-empty, not `0`)
 * turns it on anywhere.
 */
export function outputTarget(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): OutputTarget {
  const isTerminal = stream.isTTY === true;
  const fromEnv = Number(env.COLUMNS);
  const width = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : isTerminal && stream.columns > 0 ? stream.columns : PIPE_WIDTH;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0';
  const colour = forced || (isTerminal && !(env.NO_COLOR !== undefined && env.NO_COLOR !== ''));
  return { width: Math.max(MIN_WIDTH, width), colour, isTerminal };
}

/** ANSI styles for one output target (no-ops when it gets no colour). */
export type Palette = ReturnType<typeof createColors>;

/** The palette for a target. */
export function palette(target: OutputTarget): Palette {
  return createColors(target.colour);
}
