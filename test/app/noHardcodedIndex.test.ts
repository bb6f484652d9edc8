/**
 * Searches name their data through macros: the only index= in the app are the placeholders users
 * override (ide_tunnel_index, ide_tunnel_wineventlog_index) and Splunk's own _internal index,
 * which only the detection-health searches read.
 */
import { loadConf } from './helpers/appFiles';
import { allAppSearches } from './helpers/searches';
import { expandMacros } from '../../src/appconf/macros';

const macros = loadConf('default/macros.conf');
const INDEX_TERM = /\bindex\s*(=|!=|IN\b)\s*("?)([^\s")]+)\2/gi;
const DATA_MACROS = ['ide_tunnel_index', 'ide_tunnel_wineventlog_index', 'ide_tunnel_identity_index'];
const HEALTH_MACROS = ['ide_tunnel_health_scheduler', 'ide_tunnel_health_command_errors'];

const indexesIn = (spl: string): string[] => [...spl.matchAll(INDEX_TERM)].map((m) => m[3]);

describe('no hard-coded indexes', () => {
  it('no saved search, dashboard search or example names an index directly', async () => {
    for (const search of await allAppSearches()) {
      expect({ where: search.where, indexes: indexesIn(search.spl) }).toEqual({ where: search.where, indexes: [] });
    }
  });

  it('only the data placeholders and the health searches name an index in macros.conf', () => {
    for (const [name, stanza] of macros.stanzas) {
      const indexes = indexesIn(stanza.settings.get('definition') ?? '');
      if (DATA_MACROS.includes(name)) expect(indexes.length).toBe(1);
      else if (HEALTH_MACROS.includes(name)) expect(indexes).toEqual(['_internal']);
      else expect({ name, indexes }).toEqual({ name, indexes: [] });
    }
  });

  it('reads _internal only from the dashboard health data sources', async () => {
    for (const search of await allAppSearches()) {
      const internal = indexesIn(expandMacros(search.spl, macros)).includes('_internal');
      if (internal) expect(search.kind).toBe('dashboard data source');
    }
  });

  it('catches index terms in the forms Splunk accepts', () => {
    expect(indexesIn('index=main | x')).toEqual(['main']);
    expect(indexesIn('(index = "wineventlog" OR index!=foo)')).toEqual(['wineventlog', 'foo']);
    expect(indexesIn('`ide_tunnel_index` reindex_time=1')).toEqual([]);
  });
});
