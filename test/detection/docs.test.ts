import { readFileSync } from 'fs';
import * as path from 'path';
import { SIGNALS } from '../../src/detection/rules';

describe('docs/detection.md', () => {
  const doc = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'detection.md'), 'utf8');

  test.each(SIGNALS.map((s) => [s.id, s] as const))('renders %s with its current kind and weight', (_id, s) => {
    expect(doc).toContain(`| \`${s.id}\` | ${s.kind} | ${s.weight > 0 ? '+' : ''}${s.weight} |`);
  });

  test('says that the false-alert rate on real developer hosts is unmeasured', () => {
    expect(doc).toContain('unmeasured');
  });
});
