import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import { join, resolve } from 'path';
import * as tar from 'tar';

/** Repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/**
 * Runs `scripts/package.mjs --no-build` (the command must already be built: `npm test` builds it)
 * and returns the path of the .tgz it wrote into `outDir`.
 * @param root source tree to package (default: this repository)
 * @throws Error with the script's stderr when it fails
 */
export function buildPackage(outDir: string, root: string = REPO_ROOT): string {
  const stdout = execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'package.mjs'), '--no-build', '--out-dir', outDir, '--root', root], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return stdout.trim().split('\n').pop() as string;
}

/** One entry of a package listing: path inside the .tgz, tar type and permission bits. */
export interface PackageEntry {
  path: string;
  type: string;
  mode: number;
  mtime: number;
}

/** Lists a .tgz without extracting it. */
export async function listPackage(tgz: string): Promise<PackageEntry[]> {
  const entries: PackageEntry[] = [];
  await tar.t({
    file: tgz,
    onReadEntry: (entry) => {
      entries.push({ path: entry.path, type: entry.type, mode: (entry.mode ?? 0) & 0o7777, mtime: entry.mtime?.getTime() ?? 0 });
    },
  });
  return entries;
}

/**
 * Installs a package the way "Install app from file" does: extracts it into `<splunkHome>/etc/apps/`.
 * @returns `<splunkHome>/etc/apps/<top-level folder>` (the app directory)
 */
export async function installPackage(tgz: string, splunkHome: string): Promise<string> {
  const apps = join(splunkHome, 'etc', 'apps');
  mkdirSync(apps, { recursive: true });
  const top = new Set((await listPackage(tgz)).map((e) => e.path.split('/')[0]));
  if (top.size !== 1) throw new Error(`package has ${top.size} top-level folders: ${[...top].join(', ')}`);
  await tar.x({ file: tgz, cwd: apps });
  return join(apps, [...top][0]);
}
