import { existsSync } from 'fs';
import * as path from 'path';

/** The read-only reference folder beside the repo (../shared); CI always has it. */
export const SHARED_DIR = path.resolve(__dirname, '..', '..', '..', 'shared');
export const HAVE_SHARED = existsSync(SHARED_DIR);

/** Path inside ../shared. */
export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}

/**
 * `describe` for tests that read ../shared: runs them when the folder exists, otherwise skips them
 * and says why (someone who cloned the repo elsewhere has no ../shared).
 */
export function describeWithShared(name: string, body: () => void): void {
  if (HAVE_SHARED) {
    describe(name, body);
  } else {
    describe.skip(`${name} (skipped: ${SHARED_DIR} is absent)`, body);
    console.warn(`skipping "${name}": reference folder ${SHARED_DIR} is absent`);
  }
}
