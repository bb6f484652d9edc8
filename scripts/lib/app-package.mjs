/**
 * Builds the Splunk app package `idetunnel-<version>.tgz` from the repository.
 *
 * Layout (issue 3, "Content"): the package has one top-level folder `idetunnel/` merged from
 *   default/    -> idetunnel/default/     (confs and views)
 *   bin/        -> idetunnel/bin/         (only the files in BIN_ALLOWLIST: the built command)
 *   appserver/  -> idetunnel/appserver/   (dashboard assets)
 *   app/<x>     -> idetunnel/<x>          (app.manifest, metadata/, static/, lookups/, README*,
 *                                          README/*.conf.spec, <platform>/bin/ launchers, licences)
 *   app/linux_x86_64/bin/idetunnelscore.sh -> also every path in POSIX_LAUNCHER_COPIES
 * Files are taken from that allowlist only; whatever else is in those folders and matches
 * EXCLUDED (dot-files, node_modules, local/, local.meta, sources, tests, source maps) is left
 * out and reported. Modes are normalised: directories 0755, files 0644, and 0755 only for a
 * file that is executable in the work tree AND sits in a folder named `bin` (AppInspect
 * check_for_bin_files fails executables outside `bin/`). Every file gets the same mtime
 * (SOURCE_DATE_EPOCH seconds, default 2026-01-01T00:00:00Z; folders get 0, as `npm pack` does),
 * no owner (uid/gid 0) and sorted order, so the same inputs give the same bytes.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import * as tar from 'tar';

/** App id = package folder = `[package] id` in app.conf. */
export const APP_ID = 'idetunnel';

/** Files of the repository's `bin/` that ship (the esbuild bundle of the command). */
export const BIN_ALLOWLIST = ['idetunnelscore.js'];

/** The POSIX sh launcher (package path); it works from any `bin` folder of the app. */
export const POSIX_LAUNCHER = 'linux_x86_64/bin/idetunnelscore.sh';

/**
 * Further package paths of the POSIX launcher. splunkd finds a chunked command with no `filename`
 * by its stanza name plus an extension in `<PLATFORM>/bin/` first and then in `bin/`
 * (commands.conf.spec, [<STANZA_NAME>] and `filename`): darwin_x86_64 (a platform the spec names)
 * finds its own copy, and any platform without a folder here (aarch64 Linux, ...) the one in bin/.
 */
export const POSIX_LAUNCHER_COPIES = ['darwin_x86_64/bin/idetunnelscore.sh', 'bin/idetunnelscore.sh'];

/** Third-party notices for the bundle, written by scripts/build.mjs into bin/, shipped at the package root. */
export const NOTICES = 'THIRD-PARTY-NOTICES.txt';

/** Path segments / file names that never ship, wherever they are. */
const EXCLUDED_SEGMENTS = new Set(['node_modules', 'local', 'test', 'tests', '__tests__', 'src', '__pycache__']);
const EXCLUDED_FILE = [/^\./, /\.map$/, /\.tsx?$/, /^local\.meta$/, /\.py[co]$/, /~$/, /\.orig$/, /\.rej$/, /\.swp$/];

/** Default mtime of every entry: 2026-01-01T00:00:00Z, in seconds (overridden by SOURCE_DATE_EPOCH). */
const DEFAULT_EPOCH_SECONDS = 1767225600;

/**
 * Why a relative path (POSIX separators) is excluded, or null when it may ship.
 * @param {string} rel path relative to the source folder, e.g. `default/data/ui/views/x.xml`
 * @returns {string | null}
 */
export function exclusionReason(rel) {
  const parts = rel.split('/');
  for (const part of parts.slice(0, -1)) {
    if (part.startsWith('.')) return `dot-folder ${part}`;
    if (EXCLUDED_SEGMENTS.has(part)) return `excluded folder ${part}`;
  }
  const name = parts[parts.length - 1];
  const rule = EXCLUDED_FILE.find((re) => re.test(name));
  return rule ? `excluded name ${rule}` : null;
}

/** Lists files under `dir` recursively as POSIX paths relative to `dir`, sorted. */
function listFiles(dir) {
  const out = [];
  const walk = (abs, rel) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(join(abs, entry.name), childRel);
      else if (entry.isFile()) out.push(childRel);
      else throw new Error(`package: ${join(abs, entry.name)} is neither a file nor a folder (symlinks do not ship)`);
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out.sort();
}

/**
 * The package's file map: package path (under `idetunnel/`) -> source path.
 * @param {string} root repository root
 * @param {Record<string, string>} [overlay] package path -> source path, replacing or adding files
 *   after the allowlist is applied (the standalone packages swap launcher pointers this way)
 * @param {string[]} [drop] package paths to leave out (e.g. launchers a standalone package replaces)
 * @returns {{ files: Map<string, string>, skipped: {path: string, reason: string}[] }}
 * @throws Error when two sources map to the same package path or a required file is missing
 */
export function collectAppFiles(root, overlay = {}, drop = []) {
  const files = new Map();
  const skipped = [];
  const add = (pkgPath, src) => {
    if (files.has(pkgPath)) throw new Error(`package: ${pkgPath} comes from both ${files.get(pkgPath)} and ${src}`);
    files.set(pkgPath, src);
  };
  const addTree = (srcDir, prefix, accept = () => true) => {
    for (const rel of listFiles(join(root, srcDir))) {
      const reason = exclusionReason(rel) ?? (accept(rel) ? null : 'not in the bin/ allowlist');
      if (reason) skipped.push({ path: `${srcDir}/${rel}`, reason });
      else add(prefix ? `${prefix}/${rel}` : rel, join(root, srcDir, rel));
    }
  };
  addTree('default', 'default');
  addTree('bin', 'bin', (rel) => BIN_ALLOWLIST.includes(rel) || rel === NOTICES);
  // The build writes the bundled packages' licences next to the bundle; they ship at the app root.
  if (files.has(`bin/${NOTICES}`)) {
    files.set(NOTICES, files.get(`bin/${NOTICES}`));
    files.delete(`bin/${NOTICES}`);
  }
  addTree('appserver', 'appserver');
  addTree('app', '');
  if (files.has(POSIX_LAUNCHER)) for (const copy of POSIX_LAUNCHER_COPIES) add(copy, files.get(POSIX_LAUNCHER));
  for (const path of drop) files.delete(path);
  for (const [pkgPath, src] of Object.entries(overlay)) files.set(pkgPath, src);
  for (const required of BIN_ALLOWLIST.map((f) => `bin/${f}`)) {
    if (!files.has(required) && !drop.includes(required)) {
      throw new Error(`package: ${required} is missing; run \`npm run build\` first`);
    }
  }
  return { files, skipped };
}

/**
 * Reads `key` of `[stanza]` from a Splunk .conf text (last definition wins; `#` comments;
 * a trailing backslash continues the value on the next line, as in the .conf spec files).
 * @returns {string | undefined}
 */
export function confValue(text, stanza, key) {
  let current = 'default';
  let value;
  const lines = text.replace(/\\\r?\n/g, '\n').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      current = header[1];
      continue;
    }
    const eq = line.indexOf('=');
    if (current === stanza && eq > 0 && line.slice(0, eq).trim() === key) value = line.slice(eq + 1).trim();
  }
  return value;
}

/**
 * Checks that package.json's version is the one app.conf and app.manifest declare (when they exist).
 * @returns {string} the version
 * @throws Error naming the file and the two versions when they differ
 */
export function checkedVersion(root) {
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const appConf = join(root, 'default', 'app.conf');
  if (existsSync(appConf)) {
    const text = readFileSync(appConf, 'utf8');
    for (const [stanza, key] of [['launcher', 'version'], ['id', 'version']]) {
      const v = confValue(text, stanza, key);
      if (v !== undefined && v !== version) {
        throw new Error(`package: default/app.conf [${stanza}] ${key} = ${v} but package.json version is ${version}`);
      }
    }
    const id = confValue(text, 'package', 'id');
    if (id !== undefined && id !== APP_ID) throw new Error(`package: default/app.conf [package] id = ${id}, expected ${APP_ID}`);
  }
  const manifest = join(root, 'app', 'app.manifest');
  if (existsSync(manifest)) {
    const v = JSON.parse(readFileSync(manifest, 'utf8'))?.info?.id?.version;
    if (v !== undefined && v !== version) throw new Error(`package: app/app.manifest info.id.version = ${v} but package.json version is ${version}`);
  }
  return version;
}

/**
 * Writes a deterministic .tgz of `files` under the top-level folder `idetunnel/`.
 * @param {Map<string, string>} files package path -> source path
 * @param {string} outFile the .tgz to write (its folder is created)
 * @returns {Promise<{ entries: number, bytes: number }>}
 */
export async function writePackage(files, outFile) {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH ?? DEFAULT_EPOCH_SECONDS);
  if (!Number.isInteger(epoch) || epoch < 0) throw new Error(`package: SOURCE_DATE_EPOCH must be whole seconds, got ${process.env.SOURCE_DATE_EPOCH}`);
  const stage = join(dirname(outFile), `.stage-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  const dirs = new Set([APP_ID]);
  const entries = [];
  try {
    for (const [pkgPath, src] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const target = posix.join(APP_ID, pkgPath);
      for (let d = posix.dirname(target); d !== '.' && !dirs.has(d); d = posix.dirname(d)) dirs.add(d);
      const abs = join(stage, ...target.split('/'));
      mkdirSync(dirname(abs), { recursive: true });
      copyFileSync(src, abs);
      const inBin = posix.dirname(target).split('/').pop() === 'bin';
      const executable = (statSync(src).mode & 0o111) !== 0;
      chmodSync(abs, inBin && executable ? 0o755 : 0o644);
      entries.push(target);
    }
    const all = [...dirs, ...entries].sort();
    for (const d of dirs) chmodSync(join(stage, ...d.split('/')), 0o755);
    mkdirSync(dirname(outFile), { recursive: true });
    await tar.c(
      { gzip: { level: 9 }, file: outFile, cwd: stage, portable: true, noDirRecurse: true, mtime: new Date(epoch * 1000) },
      all,
    );
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return { entries: entries.length, bytes: statSync(outFile).size };
}

/** Makes a path relative to `root` for messages (POSIX separators). */
export function shown(root, path) {
  return relative(root, path).split(sep).join('/');
}

/** Writes `text` to `file`, creating its folder. */
export function writeText(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
