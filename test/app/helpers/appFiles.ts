/**
 * Reads the app's content from the repository layout: `default/` (conf files, views, nav) and `app/`
 * (metadata, app.manifest, static). The package build merges both into one `idetunnel/` folder.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseConf, type ConfFile } from '../../../src/appconf/parser';
import { parseStudioDashboardXml, type StudioDashboard } from '../../../src/appconf/dashboard';

/** Repository root (this file is test/app/helpers/appFiles.ts). */
export const repoRoot = join(__dirname, '..', '..', '..');

/** Reads a file relative to the repository root as UTF-8 text. */
export function readRepoText(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

/** Parses a conf file relative to the repository root, e.g. `default/macros.conf`. */
export function loadConf(path: string): ConfFile {
  return parseConf(readRepoText(path));
}

/** Every file under a repository folder, as repository-relative paths with `/`. */
export function listFiles(folder: string): string[] {
  const root = join(repoRoot, folder);
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(repoRoot, full).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** Every `.conf` and `.meta` file the app ships from `default/` and `app/`. */
export function confFiles(): string[] {
  return [...listFiles('default'), ...listFiles('app')].filter((f) => f.endsWith('.conf') || f.endsWith('.meta'));
}

/** A view file with its parsed Dashboard Studio content. */
export interface ViewFile {
  /** View name (file name without `.xml`), the name nav and drilldowns use. */
  readonly name: string;
  readonly path: string;
  readonly dashboard: StudioDashboard;
}

/** Names of every view in `default/data/ui/views/` (Dashboard Studio and Simple XML). */
export function viewNames(): string[] {
  return listFiles('default/data/ui/views')
    .filter((f) => f.endsWith('.xml'))
    .map((path) => path.replace(/^.*\//, '').replace(/\.xml$/, ''));
}

/** True for a Simple XML view (`<dashboard version="1.1"`, `<form`): the setup and allowlist pages. */
export function isSimpleXmlView(xml: string): boolean {
  return !/<dashboard\b[^>]*\bversion="2"/.test(xml);
}

/** Parses every Dashboard Studio view in `default/data/ui/views/` (Simple XML views are left out). */
export async function loadViews(): Promise<ViewFile[]> {
  const paths = listFiles('default/data/ui/views').filter((f) => f.endsWith('.xml') && !isSimpleXmlView(readRepoText(f)));
  return Promise.all(
    paths.map(async (path) => ({
      name: path.replace(/^.*\//, '').replace(/\.xml$/, ''),
      path,
      dashboard: await parseStudioDashboardXml(readRepoText(path)),
    })),
  );
}

/** The saved searches, by stanza name. */
export function savedSearches(): Map<string, Map<string, string>> {
  const file = loadConf('default/savedsearches.conf');
  return new Map([...file.stanzas].filter(([name]) => name !== 'default').map(([name, s]) => [name, s.settings]));
}
