/**
 * A deliberately badly laid out dashboard the render check draws first, to prove its DOM checks
 * still fire with this version of the framework (a renamed data-test attribute would otherwise
 * make every check pass vacuously): a table whose narrow columns wrap headers inside words and
 * cells over several lines, and a table without rows.
 */
const rows = [
  ['devtunnel.exe host --port 8080 --allow-anonymous', 'lookup of/connection to the Dev Tunnels relay k7m2q9xp-8080.euw.devtunnels.ms (+30)'],
  ['code.exe tunnel --accept-server-license-terms --name test-tunnel', 'VS Code CLI tunnel host subcommand (+55)'],
];

/** Checks the self-test page must trigger (pageChecks.js names). */
export const SELF_TEST_EXPECTED = ['header broken', 'row height', 'empty'];

export const selfTestDefinition = {
  title: 'render check self-test',
  dataSources: {
    ds_wide: { type: 'ds.test', options: { data: { fields: [{ name: 'Commandline' }, { name: 'Explanations' }], columns: [rows.map((r) => r[0]), rows.map((r) => r[1])] } } },
    ds_none: { type: 'ds.test', options: { data: { fields: [{ name: 'host' }], columns: [[]] } } },
  },
  visualizations: {
    viz_wrapping: { type: 'splunk.table', title: 'wraps', dataSources: { primary: 'ds_wide' }, options: { columnFormat: { Commandline: { width: 60 }, Explanations: { width: 70 } } } },
    viz_empty: { type: 'splunk.table', title: 'empty', dataSources: { primary: 'ds_none' } },
  },
  layout: {
    type: 'grid',
    options: { width: 1440, height: 400 },
    structure: [
      { item: 'viz_wrapping', type: 'block', position: { x: 0, y: 0, w: 720, h: 400 } },
      { item: 'viz_empty', type: 'block', position: { x: 720, y: 0, w: 720, h: 400 } },
    ],
  },
};
