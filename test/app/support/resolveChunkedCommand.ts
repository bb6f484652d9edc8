import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseConf } from '../../../src/appconf/parser';

/** Stanza name -> settings, after layering local/ over default/. */
export type Conf = Map<string, Map<string, string>>;

/** Platform folder names splunkd uses for chunked commands (commands.conf.spec, `filename`). */
export type SplunkPlatform = 'linux_x86_64' | 'linux_x86' | 'windows_x86_64' | 'windows_x86' | 'darwin_x86_64';

/** What splunkd would start for a chunked command: the program, its arguments, and how it got there. */
export interface ResolvedCommand {
  /** Absolute path of the program splunkd runs. */
  program: string;
  /** `command.arg.1`, `command.arg.2`, ... in order, with environment variables substituted. */
  args: string[];
  /** The file `filename` named, as found (the .path pointer, or the program itself). */
  found: string;
}

/** Reads default/<name> and local/<name> of an app and merges them (local wins). */
export function readAppConf(appDir: string, name: string): Conf {
  const merged: Conf = new Map();
  for (const folder of ['default', 'local']) {
    const file = join(appDir, folder, name);
    if (!existsSync(file)) continue;
    for (const stanza of parseConf(readFileSync(file, 'utf8')).stanzas.values()) {
      const target = merged.get(stanza.name) ?? new Map<string, string>();
      for (const [key, value] of stanza.settings) target.set(key, value);
      merged.set(stanza.name, target);
    }
  }
  return merged;
}

/** Substitutes `$NAME` and `${NAME}` from `env`; an unknown variable is an error (splunkd would run a broken path). */
export function substituteEnv(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (match, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`${match} is not set in the environment`);
    return value;
  });
}

/**
 * Resolves a chunked (protocol v2) custom search command the way commands.conf.spec describes it:
 * - `filename` (default: the stanza name) is looked for first in `<app>/<platform>/bin/`, then in
 *   `<app>/bin/`;
 * - a `*.path` file is a path pointer: its content, with environment variables substituted, is the
 *   program to run;
 * - `command.arg.<N>` are the arguments, in N order, with environment variables substituted.
 * Source: commands.conf.spec (Splunk Enterprise 9.x), settings `filename`, `command.arg.<N>`, `chunked`.
 * The no-`filename` extension search (.py, .exe, .sh, ...) is not modelled: the app sets `filename`.
 *
 * @param appDir `$SPLUNK_HOME/etc/apps/<app>`
 * @param env environment of splunkd (must hold SPLUNK_HOME for pointers that use it)
 * @throws Error when the stanza is missing, not chunked, or the program cannot be found
 */
export function resolveChunkedCommand(
  appDir: string,
  command: string,
  platform: SplunkPlatform,
  env: Record<string, string | undefined>,
): ResolvedCommand {
  const stanza = readAppConf(appDir, 'commands.conf').get(command);
  if (!stanza) throw new Error(`commands.conf has no [${command}] stanza`);
  if (stanza.get('chunked') !== 'true') throw new Error(`[${command}] is not chunked = true`);
  const filename = stanza.get('filename') ?? command;
  const candidates = [join(appDir, platform, 'bin', filename), join(appDir, 'bin', filename)];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`${filename} is in neither ${candidates.join(' nor ')}`);
  const program = found.endsWith('.path') ? substituteEnv(readFileSync(found, 'utf8').trim(), env) : found;
  const args = [...stanza.keys()]
    .map((key) => /^command\.arg\.(\d+)$/.exec(key))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((match) => substituteEnv(stanza.get(match[0]) as string, env));
  return { program, args, found };
}
