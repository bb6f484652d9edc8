import { readFileSync } from 'fs';
import * as path from 'path';
import { jsonEventFields } from '../../src/readers/jsonEvents';
import { verdict } from '../helpers/verdict';

/** test/fixtures/holdout: cases written after the weights were set (see its README). */
const CASES = readFileSync(path.resolve(__dirname, '..', 'fixtures', 'holdout', 'holdout.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => jsonEventFields(JSON.parse(line) as Record<string, unknown>));

describe('hold-out cases never used for tuning', () => {
  const positives = CASES.filter((c) => c.host.startsWith('P'));
  const noise = CASES.filter((c) => c.host.startsWith('N'));

  it('has both kinds', () => {
    expect(positives.length).toBeGreaterThanOrEqual(10);
    expect(noise.length).toBeGreaterThanOrEqual(10);
  });

  it.each(positives.map((c) => [c.host, c.CommandLine ?? c.QueryName ?? c.Details ?? c.ImagePath, c]))(
    '%s alerts at the default threshold (50): %s',
    (_host, _what, fields) => {
      expect(verdict(fields as Record<string, string>).score).toBeGreaterThanOrEqual(50);
    },
  );

  it.each(noise.map((c) => [c.host, c.CommandLine ?? c.QueryName, c]))('%s stays below low (25): %s', (_host, _what, fields) => {
    expect(verdict(fields as Record<string, string>).score).toBeLessThan(25);
  });
});
