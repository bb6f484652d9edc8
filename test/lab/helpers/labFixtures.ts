/**
 * Shared set-up of the validate tests: a REST stand-in (helpers/standInSplunk.ts) that knows the
 * SYNTHETIC fixture app (fixtures/app/default/*.conf) and answers its searches with rows shaped like
 * the app's tables (dest, user, process, query, ide_tunnel_score). Values follow the demo data's
 * scenarios (test/fixtures/demo/README.md).
 */
import * as path from 'path';
import type { RestBehaviour } from './standInSplunk';

export const FIXTURE_APP_DIR = path.join(__dirname, '..', 'fixtures', 'app');
export const FIXTURE_MANIFEST = path.join(__dirname, '..', 'fixtures', 'manifest.json');
export const REST_TOKEN = 'eyJraWQiOiJzcGx1bmsuc2VjcmV0Iiwi.stand-in.token';

export const PROCESS_ROWS: Record<string, unknown>[] = [
  { dest: 'DEV-WS-031.corp.example.com', user: 'CORP\\dave', process: '"C:\\Users\\dave\\AppData\\Local\\Temp\\vscode-cli\\code.exe" tunnel --accept-server-license-terms --name test-tunnel', ide_tunnel_score: '95' },
  { dest: 'FIN-LT-007.corp.example.com', user: 'CORP\\carol', process: 'devtunnel.exe host --port 8080 --allow-anonymous', ide_tunnel_score: '90' },
];
export const NETWORK_ROWS: Record<string, unknown>[] = [
  { dest: 'FIN-LT-007.corp.example.com', user: 'CORP\\carol', query: ['global.rel.tunnels.api.visualstudio.com', 'k7m2q9xp-8080.euw.devtunnels.ms'], ide_tunnel_score: '80' },
];

const MACROS: RestBehaviour['macros'] = {
  lab_index: { definition: 'index=idetunnel_lab' },
  lab_process_events: { definition: '`lab_index` sourcetype=XmlWinEventLog EventCode=1' },
  lab_network_events: { definition: '`lab_index` sourcetype=XmlWinEventLog (EventCode=3 OR EventCode=22)' },
  lab_threshold: { definition: '50' },
  lab_over_threshold: { definition: 'where ide_tunnel_score >= `lab_threshold`' },
  'lab_table(1)': { args: ['field'], definition: 'table _time, dest, user, $field$, ide_tunnel_score' },
};

/** The saved searches as installed (same text as the fixture's savedsearches.conf). */
export const INSTALLED = [
  { name: 'Lab Fixture - Process - Rule', app: 'idetunnel', search: '`lab_process_events`\n| idetunnelscore threshold=`lab_threshold`\n| `lab_over_threshold`\n| `lab_table(process)`' },
  { name: 'Lab Fixture - Network - Rule', app: 'idetunnel', search: '`lab_network_events`\n| idetunnelscore\n| `lab_over_threshold`' },
];

/** A lab where every check passes; override parts per test. */
export function goodLab(overrides: Partial<RestBehaviour> = {}): RestBehaviour {
  return {
    token: REST_TOKEN,
    users: { admin: 'changeme-lab' },
    version: '9.4.1',
    apps: { idetunnel: { version: '1.0.0' } },
    commands: ['idetunnelscore'],
    macros: { ...MACROS },
    savedSearches: INSTALLED,
    pollsBeforeDone: 1,
    results: (search) => {
      if (search.includes('| delete')) return [{ index: 'idetunnel_lab', deleted: '353', errors: '0' }];
      if (search.includes('lab_process_events')) return PROCESS_ROWS;
      if (search.includes('lab_network_events')) return NETWORK_ROWS;
      return [];
    },
    ...overrides,
  };
}
