/** src/web/setup/settings.ts: the setup page's choices <-> the macro definitions (default/macros.conf). */
import { indexMacroDefinition, indexesOfDefinition, isIndexName, parseThreshold, readsSummariesOnly, summariesOnlyDefinition } from '../../src/web/setup/settings';

describe('index macros', () => {
  it('writes one index bare and several as an OR group', () => {
    expect(indexMacroDefinition(['sysmon'])).toBe('index=sysmon');
    expect(indexMacroDefinition(['sysmon', 'edr_win'])).toBe('(index=sysmon OR index=edr_win)');
  });

  it('refuses an empty choice and names that are not index names', () => {
    expect(() => indexMacroDefinition([])).toThrow('choose at least one index');
    expect(() => indexMacroDefinition(['main', 'a b'])).toThrow('"a b" is not an index name');
    expect(isIndexName('-x')).toBe(false);
    expect(isIndexName('index=main')).toBe(false);
    expect(isIndexName('win-events_2')).toBe(true);
  });

  it('reads back what it writes, quoted names too, and nothing hand-written', () => {
    for (const list of [['main'], ['sysmon', 'edr']]) expect(indexesOfDefinition(indexMacroDefinition(list))).toEqual(list);
    expect(indexesOfDefinition('(index="sysmon" OR index=wineventlog)')).toEqual(['sysmon', 'wineventlog']);
    expect(indexesOfDefinition('index=sysmon sourcetype=foo')).toBeNull();
    expect(indexesOfDefinition('index=sys*')).toBeNull();
    expect(indexesOfDefinition('')).toBeNull();
  });
});

describe('threshold and summaries', () => {
  it('takes whole numbers 0-100 only', () => {
    expect(parseThreshold(' 70 ')).toEqual({ value: 70 });
    expect(parseThreshold('0')).toEqual({ value: 0 });
    for (const bad of ['101', '-1', '5.5', '', 'fifty']) expect(parseThreshold(bad)).toHaveProperty('error');
  });

  it('switches summariesonly and keeps the other tstats options', () => {
    const current = 'summariesonly=false allow_old_summaries=true fillnull_value="-"';
    expect(readsSummariesOnly(current)).toBe(false);
    const on = summariesOnlyDefinition(current, true);
    expect(on).toBe('summariesonly=true allow_old_summaries=true fillnull_value="-"');
    expect(readsSummariesOnly(on)).toBe(true);
    expect(summariesOnlyDefinition('allow_old_summaries=true', true)).toBe('summariesonly=true allow_old_summaries=true');
  });
});
