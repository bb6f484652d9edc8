import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { ConfFile, parseConf } from '../appconf/parser';

/** The app's saved searches and macros as the repository ships them (`default/`). */
export interface AppContent {
  /** Saved search name -> its `search`, in file order. */
  savedSearches: Map<string, string>;
  /** macros.conf, parsed. */
  macros: ConfFile;
}

/** The app content is missing from the folder given. */
export class AppContentMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppContentMissingError';
  }
}

/**
 * Reads `<appDir>/default/savedsearches.conf` and `<appDir>/default/macros.conf` with the app's conf
 * parser (src/appconf/parser.ts).
 * @throws AppContentMissingError when either file is missing; ConfParseError (appconf) when one is malformed
 */
export function readAppContent(appDir: string): AppContent {
  const read = (name: string): ConfFile => {
    const file = path.join(appDir, 'default', name);
    if (!existsSync(file)) throw new AppContentMissingError(`${file} not found (run from the repository root or pass --app-dir)`);
    return parseConf(readFileSync(file, 'utf8'));
  };
  const saved = read('savedsearches.conf');
  const savedSearches = new Map<string, string>();
  for (const [name, stanza] of saved.stanzas) {
    const search = stanza.settings.get('search');
    if (name !== 'default' && search !== undefined) savedSearches.set(name, search);
  }
  return { savedSearches, macros: read('macros.conf') };
}
