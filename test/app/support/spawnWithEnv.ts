import { CommandClient, SpawnOptions } from '../../../src/protocol/client';

/**
 * Starts `program` through {@link CommandClient.spawn} with `env` as the child's whole environment
 * (CommandClient inherits process.env, so it is swapped for the duration of the spawn call only).
 */
export function spawnWithEnv(program: string, options: SpawnOptions, env: NodeJS.ProcessEnv): CommandClient {
  const saved = process.env;
  process.env = env;
  try {
    return CommandClient.spawn(program, options);
  } finally {
    process.env = saved;
  }
}
