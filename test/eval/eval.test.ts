import { existsSync } from 'fs';
import * as path from 'path';
import { backgroundFiles } from '../../src/eval/background';
import { CorpusCase, readCorpus } from '../../src/eval/corpus';
import { BackgroundResult, CaseResult, evaluateBackground, evaluateCorpus } from '../../src/eval/evaluate';
import { describeWithShared, sharedPath } from '../helpers/shared';
import { COMMAND_BUNDLE } from '../helpers/protocolRun';

const CORPUS_DIR = path.resolve(__dirname, '..', 'corpus');
const cases: CorpusCase[] = existsSync(CORPUS_DIR) ? readCorpus(CORPUS_DIR) : [];

function explain(result: CaseResult | undefined): string {
  return result ? `score ${result.score}: ${result.reasons.join(' | ') || 'no signal'}` : 'not scored';
}

describe('labelled corpus through the bundled command (default threshold)', () => {
  const results = new Map<string, CaseResult>();
  beforeAll(async () => {
    for (const r of await evaluateCorpus(cases, { commandPath: COMMAND_BUNDLE })) results.set(r.case.id, r);
  }, 120_000);

  test('the corpus is there and holds positives and noise', () => {
    expect(cases.filter((c) => c.label === 'positive').length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.label === 'noise').length).toBeGreaterThan(0);
  });

  test.each(cases.filter((c) => c.label === 'positive').map((c) => [c.id, c] as const))('positive %s alerts', (id) => {
    const result = results.get(id);
    expect({ id, alert: result?.alert, why: explain(result) }).toEqual({ id, alert: true, why: expect.any(String) });
  });

  test.each(cases.filter((c) => c.label === 'noise').map((c) => [c.id, c] as const))('noise %s does not alert', (id) => {
    const result = results.get(id);
    expect({ id, alert: result?.alert, why: explain(result) }).toEqual({ id, alert: false, why: expect.any(String) });
  });
});

describeWithShared('real background events in ../shared/data', () => {
  let background: BackgroundResult[] = [];
  beforeAll(async () => {
    background = await evaluateBackground(backgroundFiles(sharedPath('data')), { commandPath: COMMAND_BUNDLE });
  }, 300_000);

  test('every data set was read', () => {
    expect(background.length).toBeGreaterThanOrEqual(4);
    for (const g of background) expect(g.events).toBeGreaterThan(0);
  });

  test('no background event alerts', () => {
    const alerts = background.flatMap((g) => g.alerts.map((a) => `${a.file}:${a.line} score ${a.score}: ${a.reasons.join(' | ')}`));
    expect(alerts).toEqual([]);
  });
});
