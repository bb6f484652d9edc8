/**
 * The first saved search is the seed rule (../shared/seed/ide-tunneling-detection.txt): its base
 * search with the data replaced by macros, its six eval lines verbatim in `ide_tunnel_seed_evals`
 * (pure SPL, so it needs no Node.js and no command), its where, table and sort. Its Risk stanza
 * scores with a fixed risk score computed the way ESCU computes one from the seed's stated severity
 * and confidence. The seed text is read at run time from ../shared, never copied into the repo.
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

  it('computes the six seed fields with the seed eval lines, verbatim, and no command', () => {
    const evals = spl.filter((l) => l.startsWith('| eval'));
    expect(evals).toHaveLength(6);
    const macro = loadConf('default/macros.conf').stanzas.get('ide_tunnel_seed_evals')?.settings.get('definition') ?? '';
    expect(macro.split('\n').map((l) => (l.startsWith('| ') ? l : `| ${l}`).trim())).toEqual(evals);
    expect(search).toMatch(/^`ide_tunnel_seed_base` \n\| `ide_tunnel_seed_evals` \n\| `ide_tunnel_seed_where` \n/);
    for (const name of ['IDE Tunnel - Seed Process Detection - Rule', 'IDE Tunnel - Seed Process Detection - Risk']) {
      expect(expandMacros(savedSearches().get(name)?.get('search') ?? '', loadConf('default/macros.conf'))).not.toMatch(/\bidetunnelscore\b/);
    }
    const where = spl.find((l) => l.startsWith('| where')) ?? '';
    expect(expanded).toContain(where);
  });

  it('keeps the seed table columns in order, then the suppression fields, then the sort', () => {
    const table = (spl.find((l) => l.startsWith('| table')) ?? '').replace(/^\| table /, '');
    const ours = /\| table ([^\n|]+)/.exec(expanded)?.[1].trim() ?? '';
    expect(ours.startsWith(table)).toBe(true);
    const extra = ours.slice(table.length).split(',').map((f) => f.trim()).filter(Boolean);
    // only the throttling fields: the command's score fields do not exist without the command
    expect(extra).toEqual(['dest', 'user']);
    expect(expanded.trim().endsWith(spl[spl.length - 1])).toBe(true);
  });

  it('gives the Risk stanza a fixed risk score from the seed\'s severity and confidence, computed as ESCU does', () => {
    // The seed states "<severity> severity <confidence> confidence". ESCU (contentctl before v5,
    // contentctl/objects/detection_tags.py): risk_score = round(confidence * impact / 100); its
    // severity bands (detection_abstract.py): <=20 informational, <=40 low, <=60 medium, <=80 high,
    // <=100 critical. A label is taken at the top of its band, so the score lands in the same band.
    const bands: Record<string, number> = { informational: 20, low: 40, medium: 60, high: 80, critical: 100 };
    const stated = /\b(informational|low|medium|high|critical) severity (informational|low|medium|high|critical) confidence\b/.exec(readFileSync(seedPath, 'utf8'));
    expect(stated).not.toBeNull();
    const [impact, confidence] = [bands[stated?.[1] ?? ''], bands[stated?.[2] ?? '']];
    const score = Math.round((confidence * impact) / 100);
    const band = Object.entries(bands).find(([, top]) => score <= top)?.[0];
    expect(band).toBe(stated?.[1]);
    const risk = savedSearches().get('IDE Tunnel - Seed Process Detection - Risk');
    const entries = JSON.parse(risk?.get('action.risk.param._risk') ?? '[]') as { risk_object_field?: string; risk_score?: number }[];
    const objects = entries.filter((e) => e.risk_object_field);
    expect(objects.length).toBe(2);
    for (const entry of objects) expect(entry.risk_score).toBe(score);
    // no per-result score: ES uses the fixed one
    expect(risk?.get('search')).not.toContain('ide_tunnel_risk_score');
    expect(risk?.get('description')).toContain(`fixed risk score of ${score}`);
  });
});
