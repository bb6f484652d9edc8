import { indexWordSets, QUIET_WORD_SETS } from '../../src/command/recordIndex/wordSets';
import { QUIET_SCREEN, type Screen } from '../../src/detection/screen';

const sorted = (words: readonly string[]): string[] => [...words].sort();

describe('the record index\'s word sets (derived from the screen)', () => {
  it('gives every field of QUIET_SCREEN its own words, and each distinct set once', () => {
    for (const { field, words } of QUIET_SCREEN.fields) expect(sorted(QUIET_WORD_SETS.sets[QUIET_WORD_SETS.setOf.get(field)!])).toEqual(sorted(words));
    const keys = QUIET_WORD_SETS.sets.map((set) => sorted(set).join(','));
    expect(new Set(keys).size).toBe(keys.length);
    expect(QUIET_WORD_SETS.setOf.get('ParentImage')).not.toBe(QUIET_WORD_SETS.setOf.get('Image'));
  });

  it('shares a set between fields with the same words in any order', () => {
    const screen = {
      fields: [
        { field: 'Image', words: ['code', 'tunnel'] },
        { field: 'ParentImage', words: ['servers'] },
        { field: 'NewProcessName', words: ['tunnel', 'code'] },
      ],
    } as unknown as Screen;
    const sets = indexWordSets(screen);
    expect(sets.sets).toEqual([['code', 'tunnel'], ['servers']]);
    expect([...sets.setOf]).toEqual([['Image', 0], ['ParentImage', 1], ['NewProcessName', 0]]);
  });
});
