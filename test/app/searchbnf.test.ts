/** searchbnf.conf: the search assistant knows idetunnelscore, every option, and an example per option. */
import { loadConf } from './helpers/appFiles';
import { requireSetting } from '../../src/appconf/parser';

const bnf = loadConf('default/searchbnf.conf');
const OPTIONS = ['raw', 'distributed', 'threshold', 'explain'];

describe('searchbnf.conf', () => {
  const command = 'idetunnelscore-command';

  it('describes the command with syntax, short and long description and public usage', () => {
    expect(requireSetting(bnf, command, 'syntax')).toMatch(/^idetunnelscore\b/);
    expect(requireSetting(bnf, command, 'shortdesc')).toMatch(/T1219\.001/);
    expect(requireSetting(bnf, command, 'description')).toMatch(/never drops events/);
    expect(requireSetting(bnf, command, 'usage')).toBe('public');
  });

  it('resolves every <name> the syntax uses to a stanza or a builtin type', () => {
    const builtin = new Set(['bool', 'int', 'string', 'field']);
    for (const stanza of bnf.stanzas.values()) {
      for (const match of (stanza.settings.get('syntax') ?? '').matchAll(/<([a-z-]+)>/g)) {
        expect(builtin.has(match[1]) || bnf.stanzas.has(match[1])).toBe(true);
      }
    }
  });

  it.each(OPTIONS)('documents the %s option in the syntax, the option description and an example', (option) => {
    expect(requireSetting(bnf, 'idetunnelscore-options', 'syntax')).toMatch(new RegExp(`\\b${option}=`));
    expect(requireSetting(bnf, 'idetunnelscore-options', 'description')).toMatch(new RegExp(`\\b${option}:`));
    const settings = bnf.stanzas.get(command)?.settings ?? new Map<string, string>();
    const examples = [...settings].filter(([key]) => /^example\d+$/.test(key));
    const withOption = examples.filter(([, spl]) => new RegExp(`idetunnelscore[^|]*\\b${option}=`).test(spl));
    expect(withOption.length).toBeGreaterThan(0);
    for (const [key] of withOption) expect(settings.get(key.replace('example', 'comment'))).toBeTruthy();
  });

  it('lists explain values none, short and full', () => {
    expect(requireSetting(bnf, 'idetunnelscore-options', 'syntax')).toContain('explain=(none|short|full)');
  });
});
