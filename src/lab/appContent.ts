import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { ConfStanzas, parseConfText } from './conf';

/** The app's saved searches and macros as the repository ships them (`default/`). */
export interface AppContent {
  /** Saved search name -> its `search`, in file order. */
  savedSearches: Map<string, string>;
  /** macros.conf stanzas. */
  macros: ConfStanzas;
}

/** The app content is missing from the folder given. */
export class AppContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppContentError';
  }
}

/**
 * Reads `<appDir>/default/savedsearches.conf` and `<appDir>/default/macros.conf`.
 * @throws AppContentError when either file is missing
 */
export function readAppContent(appDir: string): AppContent {
  const read = (name: string): ConfStanzas => {
    const file = path.join(appDir, 'default', name);
    if (!existsSync(file)) throw new AppContentError(`${file} not found (run from the repository root or pass --app-dir)`);
    return parseConfText(readFileSync(file, 'utf8'));
  };
  const saved = read('savedsearches.conf');
  const savedSearches = new Map<string, string>();
  for (const [name, settings] of saved) {
    const search = settings.get('search');
    if (name !== 'default' && search !== undefined) savedSearches.set(name, search);
  }
  return { savedSearches, macros: read('macros.conf') };
}
