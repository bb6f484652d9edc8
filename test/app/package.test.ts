/**
 * `scripts/package.mjs` on a small fixture tree (synthetic, laid out like this repository):
 * the allowlist, the excluded names, the merge of app/ into the package root, normalised modes,
 * byte-identical output for identical input, and the version checks against app.conf/app.manifest.
 */
import { createHash } from 'crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { buildPackage, listPackage, PackageEntry } from './support/appPackage';

let work: string;
let fixtureNo = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'idetunnel-package-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes `files` (path -> content, or [content, mode]) under a new fixture root and returns it. */
function fixture(files: Record<string, string | [string, number]>): string {
  const root = join(work, `fixture${++fixtureNo}`);
  for (const [path, spec] of Object.entries(files)) {
    const [content, mode] = typeof spec === 'string' ? [spec, 0o644] : spec;
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    chmodSync(abs, mode);
  }
  return root;
}

const APP_CONF = '[launcher]\nversion = 1.0.0\n\n[id]\nname = idetunnel\nversion = 1.0.0\n\n[package]\nid = idetunnel\n';

/** A tree with every kind of file the package must take or leave out. */
const TREE: Record<string, string | [string, number]> = {
  'package.json': '{"name":"idetunnel","version":"1.0.0"}',
  'default/app.conf': APP_CONF,
  'default/commands.conf': '[idetunnelscore]\nchunked = true\n',
  'default/data/ui/views/overview.xml': '<dashboard version="2"/>',
  'default/.hidden.conf': '# editor leftovers\n',
  'bin/idetunnelscore.js': ['// built', 0o755],
  'bin/idetunnelscore.js.map': '{}',
  'bin/idetunnelscore.js.LEGAL.txt': 'notes',
  'bin/scratch.py': 'print(1)',
  'appserver/static/overview.png': 'png',
  'app/app.manifest': '{"info":{"id":{"name":"idetunnel","version":"1.0.0"}}}',
  'app/README.md': '# readme',
  'app/README/idetunnel.conf.spec': '[node]\n',
  'app/metadata/default.meta': '[]\n',
  'app/metadata/local.meta': '[]\n',
  'app/static/appIcon.png': ['png', 0o755],
  'app/linux_x86_64/bin/idetunnelscore.sh': ['#!/bin/sh\n', 0o755],
  'app/windows_x86_64/bin/idetunnelscore.cmd': '@echo off\r\n',
  'app/.DS_Store': 'junk',
  'app/lookups/.gitkeep': '',
  'app/node_modules/left-pad/index.js': 'module.exports = 1',
  'local/app.conf': '[install]\nis_configured = true\n',
  'src/command/main.ts': 'export {}',
  'test/app/x.test.ts': 'export {}',
  'node_modules/tar/index.js': '',
};

const byPath = (entries: PackageEntry[]) => new Map(entries.map((e) => [e.path, e]));

describe('npm run package', () => {
  let entries: PackageEntry[];
  let tgz: string;

  beforeAll(async () => {
    tgz = buildPackage(join(work, 'out'), fixture(TREE));
    entries = await listPackage(tgz);
  });

  test('writes <out>/idetunnel-<version>.tgz', () => {
    expect(tgz).toBe(join(work, 'out', 'idetunnel-1.0.0.tgz'));
  });

  test('holds exactly the allowlisted files under one idetunnel/ folder, with app/ merged into its root', () => {
    const files = entries.filter((e) => e.type === 'File').map((e) => e.path);
    expect(files).toEqual([
      'idetunnel/README.md',
      'idetunnel/README/idetunnel.conf.spec',
      'idetunnel/app.manifest',
      'idetunnel/appserver/static/overview.png',
      'idetunnel/bin/idetunnelscore.js',
      'idetunnel/bin/idetunnelscore.sh',
      'idetunnel/darwin_x86_64/bin/idetunnelscore.sh',
      'idetunnel/default/app.conf',
      'idetunnel/default/commands.conf',
      'idetunnel/default/data/ui/views/overview.xml',
      'idetunnel/linux_x86_64/bin/idetunnelscore.sh',
      'idetunnel/metadata/default.meta',
      'idetunnel/static/appIcon.png',
      'idetunnel/windows_x86_64/bin/idetunnelscore.cmd',
    ]);
    expect(entries.every((e) => e.path.startsWith('idetunnel/'))).toBe(true);
  });

  test('lists every folder before its files, with mode 0755', () => {
    const dirs = entries.filter((e) => e.type === 'Directory');
    expect(dirs.map((d) => d.path)).toContain('idetunnel/linux_x86_64/bin/');
    expect(dirs.every((d) => d.mode === 0o755)).toBe(true);
    const seen = new Set<string>();
    for (const e of entries) {
      if (e.type === 'File') expect(seen.has(`${dirname(e.path)}/`)).toBe(true);
      else seen.add(e.path);
    }
  });

  test('keeps the execute bit only for executables inside a bin/ folder', () => {
    const map = byPath(entries);
    expect(map.get('idetunnel/linux_x86_64/bin/idetunnelscore.sh')?.mode).toBe(0o755);
    expect(map.get('idetunnel/bin/idetunnelscore.js')?.mode).toBe(0o755);
    expect(map.get('idetunnel/static/appIcon.png')?.mode).toBe(0o644);
    expect(map.get('idetunnel/windows_x86_64/bin/idetunnelscore.cmd')?.mode).toBe(0o644);
    // the POSIX launcher's copies for darwin_x86_64 and the bin/ fallback keep its execute bit
    expect(map.get('idetunnel/bin/idetunnelscore.sh')?.mode).toBe(0o755);
    expect(map.get('idetunnel/darwin_x86_64/bin/idetunnelscore.sh')?.mode).toBe(0o755);
    const executables = entries.filter((e) => e.type === 'File' && (e.mode & 0o111) !== 0);
    expect(executables.every((e) => dirname(e.path).endsWith('/bin'))).toBe(true);
  });

  test('gives every file the same mtime (SOURCE_DATE_EPOCH default)', () => {
    const mtimes = new Set(entries.filter((e) => e.type === 'File').map((e) => e.mtime));
    expect([...mtimes]).toEqual([Date.UTC(2026, 0, 1)]);
  });

  test('writes byte-identical packages from identical trees', () => {
    const again = buildPackage(join(work, 'out-again'), fixture(TREE));
    const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(sha(again)).toBe(sha(tgz));
  });

  test('refuses a tree whose app.conf version differs from package.json', () => {
    const root = fixture({ ...TREE, 'default/app.conf': APP_CONF.replace('[launcher]\nversion = 1.0.0', '[launcher]\nversion = 1.0.1') });
    expect(() => buildPackage(join(work, 'out-bad'), root)).toThrow(/\[launcher\] version = 1\.0\.1 but package\.json version is 1\.0\.0/);
  });

  test('refuses a tree whose app.manifest version differs from package.json', () => {
    const root = fixture({ ...TREE, 'app/app.manifest': '{"info":{"id":{"name":"idetunnel","version":"0.9.0"}}}' });
    expect(() => buildPackage(join(work, 'out-bad2'), root)).toThrow(/app\.manifest info\.id\.version = 0\.9\.0/);
  });

  test('refuses a tree without the built command', () => {
    const { ['bin/idetunnelscore.js']: _built, ...unbuilt } = TREE;
    expect(() => buildPackage(join(work, 'out-bad3'), fixture(unbuilt))).toThrow(/bin\/idetunnelscore\.js is missing; run `npm run build`/);
  });

  test('refuses two sources for one package path (app/default/... against default/...)', () => {
    const root = fixture({ ...TREE, 'app/default/app.conf': APP_CONF });
    expect(() => buildPackage(join(work, 'out-bad4'), root)).toThrow(/default\/app\.conf comes from both/);
  });
});
