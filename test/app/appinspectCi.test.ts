/**
 * CI runs Splunk AppInspect on all three packages, each with its passes and its recorded
 * expectations: main (cloud, full), standalone Linux (cloud, private_victoria), standalone Windows
 * (cloud). The passes are the table in scripts/appinspect.sh; .ci/run calls it once per package,
 * after the step that builds that package. The reports themselves need Python and the packages, so
 * CI (not jest) runs them; this keeps the wiring from drifting.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { repoRoot } from './helpers/appFiles';

const script = readFileSync(join(repoRoot, 'scripts', 'appinspect.sh'), 'utf8');
const ci = readFileSync(join(repoRoot, '.ci', 'run'), 'utf8').split('\n').map((l) => l.trim());

/** kind -> passes, read from the `case $kind in` table of scripts/appinspect.sh. */
function passTable(): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const m of script.matchAll(/^\s+([\w-]+)\) package=\S+ passes=\(([^)]*)\) ;;$/gm)) table.set(m[1], m[2].trim().split(/\s+/));
  return table;
}

const expectationsFile = (kind: string): string =>
  join(repoRoot, 'test', 'app', kind === 'main' ? 'appinspect-expectations.json' : `appinspect-expectations-${kind}.json`);

describe('AppInspect in CI', () => {
  it('checks each package with the passes Splunk Cloud vetting uses for it', () => {
    expect(Object.fromEntries(passTable())).toEqual({
      main: ['cloud', 'full'],
      'standalone-linux': ['cloud', 'private_victoria'],
      'standalone-windows': ['cloud'],
    });
  });

  it.each(['main', 'standalone-linux', 'standalone-windows'])('runs %s in .ci/run after the package is built', (kind) => {
    const run = ci.indexOf(`bash scripts/appinspect.sh ${kind}`);
    expect(run).toBeGreaterThan(-1);
    const build = ci.indexOf(kind === 'main' ? 'npm run package' : 'npm run package:standalone');
    expect(build).toBeGreaterThan(-1);
    expect(build).toBeLessThan(run);
  });

  it.each(['main', 'standalone-linux', 'standalone-windows'])('has recorded expectations for %s, every entry with a reason', (kind) => {
    const file = expectationsFile(kind);
    expect(existsSync(file)).toBe(true);
    const expectations = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, { reason?: string }>>;
    expect(Object.keys(expectations).sort()).toEqual(['manual_check', 'warning']);
    for (const entries of Object.values(expectations)) for (const entry of Object.values(entries)) expect(entry.reason?.length).toBeGreaterThan(20);
    // a manual check is reviewed by hand for Splunk Cloud; none is recorded as acceptable
    expect(expectations.manual_check).toEqual({});
  });
});
