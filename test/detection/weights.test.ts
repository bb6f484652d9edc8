import { combine, severityOf } from '../../src/detection/combine';
import { SIGNALS, signalRule } from '../../src/detection/rules';

describe('the weights table', () => {
  test('ids are unique, every primary has an activity, every rule a reason and a source', () => {
    const ids = SIGNALS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SIGNALS) {
      expect(s.reason.length).toBeGreaterThan(5);
      expect(s.source.length).toBeGreaterThan(5);
      if (s.kind === 'primary' && !s.id.startsWith('net.')) expect(s.activity).toBeDefined();
      expect(Number.isInteger(s.weight)).toBe(true);
    }
  });

  test('an unknown id is a programming error', () => {
    expect(() => signalRule('no.such')).toThrow('unknown signal id');
  });
});

describe('combine', () => {
  test('context alone scores 0 with no reasons', () => {
    expect(combine([{ id: 'location.temp', value: 'C:\\Temp\\x' }, { id: 'account.system', value: 'SYSTEM' }])).toMatchObject({ score: 0, reasons: [], techniques: [] });
  });

  test('the sum is clamped to 0..100', () => {
    const many = combine((['vscode.service-install', 'location.temp', 'parent.office', 'account.system', 'renamed.original-file-name'] as const).map((id) => ({ id })));
    expect(many.score).toBe(100);
    const negative = combine([{ id: 'jetbrains.gateway' }, { id: 'parent.ide' }, { id: 'location.install' }]);
    expect(negative.score).toBe(0);
  });

  test('a housekeeping primary caps at its ceiling unless an uncapped primary also matched', () => {
    const capped = combine([{ id: 'vscode.housekeeping', value: 'VS Code' }, { id: 'location.temp', value: 't' }, { id: 'account.system', value: 's' }]);
    expect(capped.score).toBe(20);
    expect(capped.reasons[capped.reasons.length - 1]).toMatch(/^score capped at 20/);
    const mixed = combine([{ id: 'vscode.housekeeping', value: 'VS Code' }, { id: 'devtunnel.host' }, { id: 'location.temp', value: 't' }]);
    expect(mixed.score).toBeGreaterThan(20);
    expect(mixed.activity).toBe('tunnel-host');
  });

  test('duplicates count once', () => {
    expect(combine([{ id: 'devtunnel.host' }, { id: 'devtunnel.host' }]).score).toBe(signalRule('devtunnel.host').weight);
  });

  test('severity cuts 25/50/75/90', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 89, 90, 100].map(severityOf)).toEqual([
      'informational', 'informational', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical',
    ]);
  });
});
