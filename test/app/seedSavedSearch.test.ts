/**
 * The first saved search is the seed rule (../shared/seed/ide-tunneling-detection.txt): its base
 * search with the data replaced by macros, its eval lines replaced by | idetunnelscore, its where,
 * table and sort. The seed text is read at run time from ../shared, never copied into the repo.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConf, repoRoot, savedSearches } from './helpers/appFiles';
import { expandMacros } from '../../src/appconf/macros';

const seedPath = join(repoRoot, '..', 'shared', 'seed', 'ide-tunneling-detection.txt');
const haveSeed = existsSync(seedPath);
if (!haveSeed) {
  console.warn(`seedSavedSearch.test: skipped, ${seedPath} is absent (the shared reference folder is not mounted)`);
}
const describeSeed = haveSeed ? describe : describe.skip;

/** The SPL block of the seed document: from the `index=` line to `| sort - _time`. */
function seedSpl(): string[] {
  const lines = readFileSync(seedPath, 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('index='));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('| sort'));
  return lines.slice(start, end + 1).map((l) => l.trim());
}

describeSeed('seed process detection', () => {
  // Read in beforeAll: a skipped describe still runs its body to collect the tests.
  let search = '';
  let expanded = '';
  let spl: string[] = [];
  beforeAll(() => {
    search = savedSearches().get('IDE Tunnel - Seed Process Detection - Rule')?.get('search') ?? '';
    expanded = expandMacros(search, loadConf('default/macros.conf'));
    spl = seedSpl();
  });

  it('keeps the seed base search clauses after the Sysmon macro', () => {
    const base = spl.slice(0, spl.findIndex((l) => l.startsWith('|'))).join(' ');
    const conditions = base.replace(/^index=\S+\s+sourcetype="[^"]+"\s+/, '');
    expect(conditions).toMatch(/^EventCode=1 \(/);
    expect(expanded.replace(/\s+/g, ' ')).toContain(conditions.replace(/\s+/g, ' '));
    expect(search).toMatch(/^`ide_tunnel_seed_base`/);
  });

  it('replaces every seed eval line by | idetunnelscore and keeps the where clause', () => {
    expect(spl.filter((l) => l.startsWith('| eval')).length).toBe(6);
    expect(search).toMatch(/^`ide_tunnel_seed_base` \n\| idetunnelscore \n/);
    const where = spl.find((l) => l.startsWith('| where')) ?? '';
    expect(expanded).toContain(where);
  });

  it('keeps the seed table columns in order, then the suppression and score fields, then the sort', () => {
    const table = (spl.find((l) => l.startsWith('| table')) ?? '').replace(/^\| table /, '');
    const ours = /\| table ([^\n|]+)/.exec(expanded)?.[1].trim() ?? '';
    expect(ours.startsWith(table)).toBe(true);
    const extra = ours.slice(table.length).split(',').map((f) => f.trim()).filter(Boolean);
    expect(extra).toEqual(expect.arrayContaining(['dest', 'user', 'ide_tunnel_score']));
    expect(expanded.trim().endsWith(spl[spl.length - 1])).toBe(true);
  });
});
