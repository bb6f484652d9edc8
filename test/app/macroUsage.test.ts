/**
 * Every macro a search uses exists with the right number of arguments (Splunk resolves
 * `name(N)` stanzas by argument count), every macro expands completely, and every macro the app
 * defines is used somewhere (no dead SPL).
 */
import { loadConf } from './helpers/appFiles';
import { allAppSearches } from './helpers/searches';
import { expandMacros, findMacroCalls, macroArgNames, macroStanzaName } from '../../src/appconf/macros';

const macros = loadConf('default/macros.conf');
const stanzas = [...macros.stanzas.values()].filter((s) => s.name !== 'default');

describe('macros.conf', () => {
  it.each(stanzas.map((s) => [s.name, s] as const))('[%s] has a definition, a description and matching args', (name, stanza) => {
    expect(stanza.settings.get('definition')?.trim()).toBeTruthy();
    expect(stanza.settings.get('description')?.trim()).toBeTruthy();
    const declared = /\((\d+)\)$/.exec(name);
    const argNames = macroArgNames(stanza.settings.get('args'));
    expect(argNames.length).toBe(declared ? Number(declared[1]) : 0);
    for (const arg of argNames) expect(stanza.settings.get('definition')).toContain(`$${arg}$`);
  });

  it.each(stanzas.map((s) => [s.name, s.settings.get('definition') ?? ''] as const))(
    '[%s] calls only defined macros with the right argument count',
    (_name, definition) => {
      for (const call of findMacroCalls(definition)) expect(macros.stanzas.has(macroStanzaName(call))).toBe(true);
    },
  );

  it('defines every ide_tunnel_* macro the issue lists', () => {
    for (const name of [
      'ide_tunnel_index',
      'ide_tunnel_sysmon',
      'ide_tunnel_threshold',
      'ide_tunnel_prefilter',
      'ide_tunnel_persistence_events',
      'ide_tunnel_allowlist',
    ]) {
      expect(macros.stanzas.has(name)).toBe(true);
    }
    expect(macros.stanzas.get('ide_tunnel_threshold')?.settings.get('definition')).toBe('50');
  });

  it('keeps both Sysmon sourcetype namings and Sysmon for Linux in ide_tunnel_sysmon', () => {
    const sysmon = macros.stanzas.get('ide_tunnel_sysmon')?.settings.get('definition') ?? '';
    expect(sysmon).toContain('sourcetype="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"');
    expect(sysmon).toContain('sourcetype=XmlWinEventLog source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"');
    expect(sysmon).toContain('source="Syslog:Linux-Sysmon/Operational"');
    expect(sysmon).toContain('`ide_tunnel_index`');
  });
});

describe('searches use macros that exist', () => {
  it('every saved search, dashboard search and search assistant example expands completely', async () => {
    const searches = await allAppSearches();
    expect(searches.filter((s) => s.kind === 'saved search').length).toBeGreaterThanOrEqual(11);
    expect(searches.filter((s) => s.kind === 'dashboard data source').length).toBeGreaterThan(5);
    for (const search of searches) {
      for (const call of findMacroCalls(search.spl)) {
        expect({ where: search.where, stanza: macroStanzaName(call), exists: macros.stanzas.has(macroStanzaName(call)) }).toEqual({
          where: search.where,
          stanza: macroStanzaName(call),
          exists: true,
        });
      }
      const expanded = expandMacros(search.spl, macros);
      expect(expanded).not.toContain('`');
    }
  });

  it('uses every macro the app defines', async () => {
    const used = new Set<string>();
    const visit = (spl: string): void => {
      for (const call of findMacroCalls(spl)) {
        const name = macroStanzaName(call);
        if (used.has(name)) continue;
        used.add(name);
        visit(macros.stanzas.get(name)?.settings.get('definition') ?? '');
      }
    };
    for (const search of await allAppSearches()) visit(search.spl);
    const unused = stanzas.map((s) => s.name).filter((name) => !used.has(name));
    expect(unused).toEqual([]);
  });
});
