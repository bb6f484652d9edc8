import { existsSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parseConf } from '../../../src/appconf/parser';

/** Stanza name -> settings, after layering local/ over default/. */
export type Conf = Map<string, Map<string, string>>;

/**
 * Platform folder names: the five commands.conf.spec names (`filename`), plus names an aarch64 or
 * Apple-silicon splunkd might use, which the spec does not list (the app must not depend on them).
 */
export type SplunkPlatform =
  | 'linux_x86_64'
  | 'linux_x86'
  | 'windows_x86_64'
  | 'windows_x86'
  | 'darwin_x86_64'
  | 'linux_aarch64'
  | 'darwin_arm64';

/**
 * Extensions splunkd appends to the stanza name of a chunked command with no `filename`, in the
 * order commands.conf.spec lists them ([<STANZA_NAME>]: ".py", ".pl", then ".exe", ".bat", ".cmd",
 * ".sh", ".js" and no extension).
 */
export const CHUNKED_EXTENSIONS = ['.py', '.pl', '.exe', '.bat', '.cmd', '.sh', '.js', ''] as const;

/**
 * The spec says both folders and extensions are searched, not how the two loops nest:
 * `folder-first` tries every extension in <PLATFORM>/bin before bin/, `extension-first` tries each
 * extension in both folders before the next extension. The app must resolve the same either way.
 */
export type SearchOrder = 'folder-first' | 'extension-first';

/** What splunkd would start for a chunked command: the program, its arguments, and how it got there. */
export interface ResolvedCommand {
  /** Absolute path of the program splunkd runs. */
  program: string;
  /** `command.arg.1`, `command.arg.2`, ... in order, with environment variables substituted. */
  args: string[];
  /** The file found (the .path pointer, or the program itself). */
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
 * - with `filename`, that file is looked for first in `<app>/<platform>/bin/`, then in `<app>/bin/`;
 * - without it, the stanza name plus each of CHUNKED_EXTENSIONS, in both folders (`order`);
 * - a `*.path` file is a path pointer: its content, with environment variables substituted, is the
 *   program to run (the app ships none; modelled so a stray pointer is caught);
 * - `command.arg.<N>` are the arguments, in N order, with environment variables substituted.
 * Source: commands.conf.spec (Splunk Enterprise 9.0.3: [<STANZA_NAME>], `filename`,
 * `command.arg.<N>`, `chunked`).
 *
 * @param appDir `$SPLUNK_HOME/etc/apps/<app>`
 * @param env environment of splunkd (must hold SPLUNK_HOME for pointers that use it)
 * @param order how the folder and extension searches nest (the spec does not say)
 * @throws Error when the stanza is missing, not chunked, or the program cannot be found
 */
export function resolveChunkedCommand(
  appDir: string,
  command: string,
  platform: SplunkPlatform,
  env: Record<string, string | undefined>,
  order: SearchOrder = 'folder-first',
): ResolvedCommand {
  const stanza = readAppConf(appDir, 'commands.conf').get(command);
  if (!stanza) throw new Error(`commands.conf has no [${command}] stanza`);
  if (stanza.get('chunked') !== 'true') throw new Error(`[${command}] is not chunked = true`);
  const folders = [join(appDir, platform, 'bin'), join(appDir, 'bin')];
  const filename = stanza.get('filename');
  const names = filename !== undefined ? [filename] : CHUNKED_EXTENSIONS.map((ext) => `${command}${ext}`);
  const candidates =
    order === 'folder-first'
      ? folders.flatMap((folder) => names.map((name) => join(folder, name)))
      : names.flatMap((name) => folders.map((folder) => join(folder, name)));
  const found = candidates.find((file) => existsSync(file) && statSync(file).isFile());
  if (!found) throw new Error(`no ${names.join(' / ')} in ${folders.join(' or ')}`);
  const program = found.endsWith('.path') ? substituteEnv(readFileSync(found, 'utf8').trim(), env) : found;
  const args = [...stanza.keys()]
    .map((key) => /^command\.arg\.(\d+)$/.exec(key))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((match) => substituteEnv(stanza.get(match[0]) as string, env));
  return { program, args, found };
}
