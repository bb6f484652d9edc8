/**
 * One entry in the rule table is all a new trigger word needs: a made-up `pattern` rule with a word
 * nothing else uses, added to src/detection/rules.ts's table (through jest's module registry, as if
 * it were written there), is scored on every path of the command: the WebAssembly record index
 * (whose word table the screen derives), the JavaScript fallback (no indexer), and scoreEvent.
 */
import type * as Rules from '../../src/detection/rules';
import type { SignalRule } from '../../src/detection/rules';
import type * as ScoreCsvBytes from '../../src/command/scoreCsvBytes';
import type * as DefaultIndexer from '../../src/command/recordIndex/defaultIndexer';
import type * as ScoreEvent from '../../src/detection/scoreEvent';
import type * as Screen from '../../src/detection/screen';
import { DEFAULT_OPTIONS } from '../../src/command/options';
import { recordView } from '../../src/events/eventView';
import { parseCsvBody } from '../../src/protocol/csvBody';

const MADE_UP: SignalRule = {
  id: 'test.made-up',
  kind: 'primary',
  weight: 60,
  activity: 'tunnel-host',
  reason: 'made-up tunnel tool `{value}`',
  technique: 'T1219.001',
  source: 'test/command/madeUpRule.test.ts (synthetic)',
  matcher: 'pattern',
  reads: { process: ['CommandLine'] },
  pattern: /zqxfrob[ \t]+--open/i,
  words: ['zqxfrob'],
};

interface Modules {
  scoreCsvBytes: typeof ScoreCsvBytes;
  defaultIndexer: typeof DefaultIndexer;
  scoreEvent: typeof ScoreEvent;
  screen: typeof Screen;
}

/** The command's modules loaded afresh, with `extra` appended to the rule table. */
function load(extra: readonly SignalRule[]): Modules {
  let modules: Modules | undefined;
  jest.isolateModules(() => {
    jest.doMock('../../src/detection/rules', () => {
      const actual = jest.requireActual<typeof Rules>('../../src/detection/rules');
      const signals = [...actual.SIGNALS, ...extra];
      const byId = new Map(signals.map((s) => [s.id, s]));
      return {
        ...actual,
        SIGNALS: signals,
        signalRule: (id: string) => byId.get(id) ?? actual.signalRule(id),
      };
    });
    modules = {
      scoreCsvBytes: jest.requireActual('../../src/command/scoreCsvBytes'),
      defaultIndexer: jest.requireActual('../../src/command/recordIndex/defaultIndexer'),
      scoreEvent: jest.requireActual('../../src/detection/scoreEvent'),
      screen: jest.requireActual('../../src/detection/screen'),
    };
  });
  jest.dontMock('../../src/detection/rules');
  return modules as Modules;
}

// 300 quiet rows around the one that carries the new word, so the index answers most rows itself.
const HEADER = 'EventCode,Image,CommandLine,_chunked_idx\n';
const QUIET_ROW = (i: number): string => `1,C:\\Windows\\System32\\notepad.exe,notepad.exe C:\\notes\\${i}.txt,${i}\n`;
const NEW_WORD_ROW = '1,C:\\Tools\\frob.exe,"C:\\Tools\\frob.exe ZQXFROB --open ""C:\\work""",150\n';
const BODY = Buffer.from(HEADER + Array.from({ length: 300 }, (_, i) => (i === 150 ? NEW_WORD_ROW : QUIET_ROW(i))).join(''));

/** `ide_tunnel_score` and reasons of the row with `_chunked_idx` 150, through the byte path with this indexer choice. */
function scoredRow(modules: Modules, indexer: 'wasm' | 'none'): { score: string; reasons: string } {
  const engine = indexer === 'wasm' ? modules.defaultIndexer.createIndexer() : null;
  if (indexer === 'wasm') expect(engine).not.toBeNull();
  const reply = modules.scoreCsvBytes.scoreCsvBytes(Buffer.from(BODY), DEFAULT_OPTIONS, new modules.scoreCsvBytes.ReplyScratch(), undefined, engine);
  expect(reply).not.toBeNull();
  const table = parseCsvBody(reply!.body.toString('utf8'));
  const index = table.header.indexOf('_chunked_idx');
  const row = table.rows.find((r) => r[index] === '150')!;
  return { score: row[table.header.indexOf('ide_tunnel_score')], reasons: row[table.header.indexOf('__mv_ide_tunnel_reasons')] || row[table.header.indexOf('ide_tunnel_reasons')] };
}

describe('a made-up rule added as one entry of the rule table', () => {
  const without = load([]);
  const withRule = load([MADE_UP]);

  it('puts its word in the screen the WebAssembly index and the JavaScript fallback read', () => {
    expect(without.screen.QUIET_SCREEN.words).not.toContain('zqxfrob');
    expect(withRule.screen.QUIET_SCREEN.words).toContain('zqxfrob');
    expect(withRule.screen.QUIET_SCREEN.fields.find((f) => f.field === 'CommandLine')?.words).toContain('zqxfrob');
  });

  it.each(['wasm', 'none'] as const)('scores the row carrying the word on the byte path with indexer %s', (indexer) => {
    expect(scoredRow(without, indexer).score).toBe('0');
    const scored = scoredRow(withRule, indexer);
    expect(scored.score).toBe('60');
    expect(scored.reasons).toContain('made-up tunnel tool `ZQXFROB --open` (+60)');
  });

  it('scores it through scoreEvent, with and without the screen', () => {
    const event = recordView({ EventCode: '1', Image: 'C:\\Tools\\frob.exe', CommandLine: 'frob.exe zqxfrob --open' });
    for (const prefilter of [true, false]) {
      expect(without.scoreEvent.scoreEvent(event, DEFAULT_OPTIONS, prefilter).ide_tunnel_score).toBe('0');
      expect(withRule.scoreEvent.scoreEvent(event, DEFAULT_OPTIONS, prefilter).ide_tunnel_score).toBe('60');
    }
  });
});
