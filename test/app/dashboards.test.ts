/**
 * Dashboard Studio views: the XML wrapper Splunk expects, the definition against Splunk's schema
 * (see helpers/dashboardSchema.ts for which parts are Splunk's and which are derived), and
 * cross-references the schema cannot see: every data source, visualization, input, layout, token
 * and drilldown target a definition names exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { loadConf, loadViews, savedSearches, type ViewFile } from './helpers/appFiles';
import { dashboardSchema } from './helpers/dashboardSchema';
import { findTokenReferences } from '../../src/appconf/dashboard';
import { expandMacros } from '../../src/appconf/macros';

interface Handler {
  type: string;
  options?: Record<string, unknown>;
}
interface Item {
  type: string;
  title?: string;
  options?: Record<string, unknown>;
  dataSources?: Record<string, string>;
  eventHandlers?: Handler[];
  extend?: string;
}
interface Definition {
  title?: string;
  dataSources: Record<string, Item>;
  visualizations: Record<string, Item>;
  inputs?: Record<string, Item>;
  defaults?: { tokens?: Record<string, Record<string, unknown>> };
  layout: {
    globalInputs?: string[];
    tabs: { items: { layoutId: string }[] };
    layoutDefinitions: Record<string, { type: string; structure?: { item: string; type: string; position: Record<string, number> }[] }>;
  };
}

const macros = loadConf('default/macros.conf');
const normalise = (spl: string): string => spl.replace(/\s+/g, ' ').trim();
const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(dashboardSchema());

/** Every string anywhere inside a JSON value, with its path. */
function strings(value: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${path}.${k}`, out);
  return out;
}

/** Tokens a definition defines: input tokens (time ranges also as .earliest/.latest), defaults, setToken. */
function definedTokens(def: Definition): Set<string> {
  const tokens = new Set<string>();
  for (const input of Object.values(def.inputs ?? {})) {
    const token = input.options?.token;
    if (typeof token !== 'string') continue;
    tokens.add(token);
    if (input.type === 'input.timerange') ['earliest', 'latest'].forEach((p) => tokens.add(`${token}.${p}`));
  }
  for (const [namespace, names] of Object.entries(def.defaults?.tokens ?? {})) {
    for (const name of Object.keys(names)) tokens.add(namespace === 'default' ? name : `${namespace}:${name}`);
  }
  for (const item of [...Object.values(def.visualizations), ...Object.values(def.inputs ?? {})]) {
    for (const handler of item.eventHandlers ?? []) {
      if (handler.type !== 'drilldown.setToken') continue;
      for (const t of (handler.options?.tokens as { token: string }[] | undefined) ?? []) tokens.add(t.token);
    }
  }
  return tokens;
}

/** The full SPL behind a data source: the chain of ds.chain queries appended to the base search. */
function fullSpl(def: Definition, id: string, seen: string[] = []): string {
  const ds = def.dataSources[id];
  if (!ds || seen.includes(id)) throw new Error(`data source ${id} missing or in a cycle ${seen.join(' -> ')}`);
  const query = String(ds.options?.query ?? '');
  return ds.type === 'ds.chain' ? `${fullSpl(def, ds.extend ?? '', [...seen, id])}\n${query}` : query;
}

describe('dashboard views', () => {
  let views: ViewFile[] = [];
  beforeAll(async () => {
    views = await loadViews();
  });

  it('ships the overview and the host investigation as Dashboard Studio views (setup and allowlist are Simple XML: test/app/webViews.test.ts)', () => {
    expect(views.map((v) => v.name).sort()).toEqual(['idetunnel_host', 'idetunnel_overview']);
  });

  it('has a render-check fixture for every view (tools/dashboard-render/fixtures, run by .ci/run)', () => {
    for (const view of views) {
      const fixture = join(__dirname, '../../tools/dashboard-render/fixtures', `${view.name}.mjs`);
      expect({ view: view.name, fixture: existsSync(fixture) }).toEqual({ view: view.name, fixture: true });
    }
  });

  it('gives single values colour ranges that survive Splunk\'s merge with the default ranges', () => {
    // Dashboard Studio merges a view's majorColorConfig into the single value's default one index by
    // index (@splunk/visualizations 28.6.0 SingleValue.config.js: to 20 / 20-40 / 40-60 / 60-80 /
    // from 80): fewer entries, or other keys, leave the default's bounds and colours in place (a
    // score of 100 drew green). So every config has the default's five entries and keys.
    const shape = [['to'], ['from', 'to'], ['from', 'to'], ['from', 'to'], ['from']];
    type Range = { from?: number; to?: number; value: string };
    const colour = (ranges: Range[], x: number): string | undefined =>
      ranges.find((r) => (r.from === undefined || x >= r.from) && (r.to === undefined || x < r.to))?.value;
    let checked = 0;
    for (const view of views) {
      for (const [id, viz] of Object.entries((view.dashboard.definition as unknown as Definition).visualizations as Record<string, Item & { context?: { majorColorConfig?: Range[] } }>)) {
        const ranges = viz.context?.majorColorConfig;
        if (viz.type !== 'splunk.singlevalue' || ranges === undefined) continue;
        checked++;
        expect({ view: view.name, id, keys: ranges.map((r) => Object.keys(r).filter((k) => k !== 'value').sort()) }).toEqual({ view: view.name, id, keys: shape });
        expect({ view: view.name, id, gapsOrOverlaps: ranges.slice(1).filter((r, i) => r.from !== ranges[i].to).length }).toEqual({ view: view.name, id, gapsOrOverlaps: 0 });
        if (id === 'viz_score') expect([10, 60, 100].map((x) => colour(ranges, x))).toEqual(['#1C8B4E', '#E8A23A', '#D41F1F']);
        else expect([0, 50, 5000].map((x) => colour(ranges, x) === '#1C8B4E')).toEqual([true, false, false]);
      }
    }
    expect(checked).toBe(4);
  });

  it('wraps each definition as a Dashboard Studio view: <dashboard version="2" theme="dark"> with a label', () => {
    for (const view of views) {
      expect(view.dashboard.version).toBe('2');
      expect(view.dashboard.theme).toBe('dark');
      expect(view.dashboard.label).toBe((view.dashboard.definition as unknown as Definition).title);
    }
  });

  it('validates every definition against the Dashboard Studio schema', () => {
    for (const view of views) {
      const ok = validate(view.dashboard.definition);
      expect({ view: view.name, errors: ok ? [] : validate.errors }).toEqual({ view: view.name, errors: [] });
    }
  });

  it('the schema rejects what Splunk would reject (it is not vacuous)', () => {
    const def = structuredClone(views[0].dashboard.definition) as unknown as Definition;
    const firstViz = Object.keys(def.visualizations)[0];
    def.visualizations[firstViz].type = 'splunk.nonexistent';
    expect(validate(def)).toBe(false);
    const def2 = structuredClone(views[0].dashboard.definition) as unknown as Definition;
    const table = Object.values(def2.visualizations).find((v) => v.type === 'splunk.table');
    if (table) table.options = { ...table.options, notAnOption: true };
    expect(validate(def2)).toBe(false);
    const def3 = structuredClone(views[0].dashboard.definition) as unknown as Record<string, unknown>;
    delete (def3.layout as Record<string, unknown>).tabs;
    expect(validate(def3)).toBe(false);
  });

  it('references only data sources that exist, and every data source is used', () => {
    for (const view of views) {
      const def = view.dashboard.definition as unknown as Definition;
      const used = new Set<string>();
      for (const item of [...Object.values(def.visualizations), ...Object.values(def.inputs ?? {})]) {
        for (const id of Object.values(item.dataSources ?? {})) {
          expect({ view: view.name, id, exists: id in def.dataSources }).toEqual({ view: view.name, id, exists: true });
          used.add(id);
        }
      }
      for (const [id, ds] of Object.entries(def.dataSources)) {
        if (ds.type === 'ds.chain') {
          expect(def.dataSources[ds.extend ?? '']?.type).toBe('ds.search');
          used.add(ds.extend ?? '');
        }
        expect(() => fullSpl(def, id)).not.toThrow();
      }
      expect(Object.keys(def.dataSources).filter((id) => !used.has(id))).toEqual([]);
    }
  });

  it('places every visualization once and every input in the layout, on tabs that exist', () => {
    for (const view of views) {
      const def = view.dashboard.definition as unknown as Definition;
      const layoutIds = def.layout.tabs.items.map((t) => t.layoutId);
      expect(layoutIds.sort()).toEqual(Object.keys(def.layout.layoutDefinitions).sort());
      const placed: string[] = [];
      for (const layout of Object.values(def.layout.layoutDefinitions)) {
        for (const block of layout.structure ?? []) {
          expect(block.type).toBe('block');
          for (const key of ['x', 'y', 'w', 'h']) expect(typeof block.position[key]).toBe('number');
          placed.push(block.item);
        }
      }
      expect(placed.filter((id) => !(id in def.visualizations) && !(id in (def.inputs ?? {})))).toEqual([]);
      expect(Object.keys(def.visualizations).sort()).toEqual(placed.filter((id) => id in def.visualizations).sort());
      const globalInputs = def.layout.globalInputs ?? [];
      expect(globalInputs.filter((id) => !(id in (def.inputs ?? {})))).toEqual([]);
      expect(Object.keys(def.inputs ?? {}).filter((id) => !globalInputs.includes(id) && !placed.includes(id))).toEqual([]);
    }
  });

  it('uses only tokens the dashboard defines, and row tokens only for fields the clicked table has', () => {
    for (const view of views) {
      const def = view.dashboard.definition as unknown as Definition;
      const defined = definedTokens(def);
      const items = { ...def.visualizations, ...(def.inputs ?? {}) };
      for (const [id, item] of Object.entries(items)) {
        const { eventHandlers, ...rest } = item;
        for (const [path, text] of strings(rest, id)) {
          for (const ref of findTokenReferences(text)) expect({ path, token: ref.name, defined: defined.has(ref.name) }).toEqual({ path, token: ref.name, defined: true });
        }
        const primary = item.dataSources?.primary;
        const spl = primary ? expandMacros(fullSpl(def, primary), macros) : '';
        for (const [path, text] of strings(eventHandlers ?? [], `${id}.eventHandlers`)) {
          for (const ref of findTokenReferences(text)) {
            const row = /^row\.([A-Za-z0-9_]+)\.value$/.exec(ref.name);
            if (row) expect({ path, field: row[1], inResults: new RegExp(`\\b${row[1]}\\b`).test(spl) }).toEqual({ path, field: row[1], inResults: true });
            else expect({ path, token: ref.name, defined: defined.has(ref.name) }).toEqual({ path, token: ref.name, defined: true });
          }
        }
      }
      for (const [id, ds] of Object.entries(def.dataSources)) {
        for (const [path, text] of strings(ds, id)) {
          for (const ref of findTokenReferences(text)) expect({ path, token: ref.name, defined: defined.has(ref.name) }).toEqual({ path, token: ref.name, defined: true });
        }
      }
    }
  });

  it('links drilldowns only to targets that exist, and detection drilldowns run the saved search itself', () => {
    const viewNames = new Set(views.map((v) => v.name));
    const ruleSearches = [...savedSearches()].filter(([n]) => n.endsWith(' - Rule')).map(([, s]) => normalise(s.get('search') ?? ''));
    for (const view of views) {
      const def = view.dashboard.definition as unknown as Definition;
      for (const [id, item] of Object.entries({ ...def.visualizations, ...(def.inputs ?? {}) })) {
        for (const handler of item.eventHandlers ?? []) {
          const where = `${view.name} ${id} ${handler.type}`;
          expect({ where, known: ['drilldown.linkToSearch', 'drilldown.linkToDashboard', 'drilldown.setToken', 'drilldown.customUrl'].includes(handler.type) }).toEqual({ where, known: true });
          if (handler.type === 'drilldown.linkToDashboard') expect(viewNames.has(String(handler.options?.dashboard))).toBe(true);
          if (handler.type === 'drilldown.linkToSearch') {
            const query = String(handler.options?.query ?? '');
            if (/idetunnelscore/.test(query)) expect({ where, sameAsSavedSearch: ruleSearches.includes(normalise(query)) }).toEqual({ where, sameAsSavedSearch: true });
          }
        }
      }
    }
  });
});

describe('overview dashboard content (issue 3)', () => {
  let def: Definition;
  let spl: Map<string, string>;
  beforeAll(async () => {
    const overview = (await loadViews()).find((v) => v.name === 'idetunnel_overview');
    def = overview?.dashboard.definition as unknown as Definition;
    spl = new Map(Object.keys(def.dataSources).map((id) => [id, expandMacros(fullSpl(def, id), macros)]));
  });
  const vizFor = (predicate: (spl: string) => boolean): Item[] =>
    Object.values(def.visualizations).filter((v) => v.dataSources?.primary && predicate(spl.get(v.dataSources.primary) ?? ''));

  it('has KPIs for hosts with activity, hosts over threshold and new hosts', () => {
    const kpis = Object.values(def.visualizations).filter((v) => v.type === 'splunk.singlevalue');
    expect(kpis.map((k) => k.title).join('|')).toMatch(/activity.*\|.*threshold.*\|.*New hosts/i);
    expect(vizFor((s) => /ide_tunnel_score >= 50\s*\| stats dc\(dest\)/.test(s))).toHaveLength(1);
  });

  it('charts scored events over time by ide_tunnel_tool', () => {
    expect(vizFor((s) => /timechart .* by ide_tunnel_tool/.test(s)).map((v) => v.type)).toEqual(['splunk.column']);
  });

  it('tables top hosts and users under names for people: one severity, the heaviest reason, a coloured score', () => {
    const [table] = vizFor((s) => /by dest, user/.test(s) && /rename dest AS Host, user AS User, score AS Score, severity AS Severity/.test(s));
    expect(table?.type).toBe('splunk.table');
    const topSpl = spl.get(table.dataSources?.primary ?? '') ?? '';
    // the severity and reason of the highest-scoring event, not every value seen
    expect(topSpl).toMatch(/sort 0 - ide_tunnel_score\s*\| stats max\(ide_tunnel_score\) as score first\(ide_tunnel_severity\) as severity first\(ide_tunnel_lead_reason\)/);
    expect(topSpl).toContain('ide_tunnel_lead_reason=mvindex(ide_tunnel_reasons, 0)');
    expect(topSpl).not.toMatch(/values\(ide_tunnel_severity\)/);
    const options = table.options as { tableFormat?: { textOverflow?: string }; columnFormat?: Record<string, { rowBackgroundColors?: string }> };
    expect(options.tableFormat?.textOverflow).toBe('ellipsis');
    expect(options.columnFormat?.Score?.rowBackgroundColors).toMatch(/seriesByName\("Score"\) \| rangeValue\(scoreColors\)/);
    expect(Object.keys((table as { context?: object }).context ?? {})).toContain('scoreColors');
  });

  it('colours the KPIs by value: 0 hosts over the threshold is not red', () => {
    const over = Object.values(def.visualizations).find((v) => /threshold/i.test(v.title ?? ''));
    expect(over?.options?.majorColor).toBe('> majorValue | rangeValue(majorColorConfig)');
    const ranges = (over as { context?: { majorColorConfig?: { to?: number; from?: number; value: string }[] } }).context?.majorColorConfig ?? [];
    expect(ranges.find((r) => r.to === 1)?.value).not.toBe(ranges.find((r) => r.from === 1)?.value);
  });

  it('says "0 errors" when idetunnelscore logged none, instead of an empty panel', () => {
    const [errors] = vizFor((s) => /idetunnelscore .*log_level=ERROR/.test(s));
    expect(spl.get(errors?.dataSources?.primary ?? '')).toMatch(/appendpipe \[stats count as rows \| where rows=0 \| .*"0 errors or warnings/);
  });

  it('shows detection health from _internal: scheduler runs and command errors', () => {
    expect(vizFor((s) => /index=_internal sourcetype=scheduler app=idetunnel/.test(s))).toHaveLength(1);
    expect(vizFor((s) => /index=_internal .*idetunnelscore .*log_level=ERROR/.test(s))).toHaveLength(1);
  });

  it('shows per host which of EventCode 1, 3, 11, 13, 22 and 4698 arrive', () => {
    const [readiness] = vizFor((s) => /stats count\(eval\(EventCode==1\)\)/.test(s));
    const readinessSpl = spl.get(readiness?.dataSources?.primary ?? '') ?? '';
    for (const code of [1, 3, 11, 13, 22, 4698]) expect(readinessSpl).toContain(`count(eval(EventCode==${code})) as eid_${code}`);
    expect(readinessSpl).toMatch(/by ide_tunnel_endpoint/);
  });
});

describe('host investigation view (issue 17)', () => {
  let def: Definition;
  let overview: Definition;
  let spl: Map<string, string>;
  beforeAll(async () => {
    const views = await loadViews();
    def = views.find((v) => v.name === 'idetunnel_host')?.dashboard.definition as unknown as Definition;
    overview = views.find((v) => v.name === 'idetunnel_overview')?.dashboard.definition as unknown as Definition;
    spl = new Map(Object.keys(def.dataSources).map((id) => [id, expandMacros(fullSpl(def, id), macros)]));
  });
  const splOf = (vizId: string): string => spl.get(def.visualizations[vizId]?.dataSources?.primary ?? '') ?? '';

  it('reads one host from the dest token: an input the URL sets (form.dest) and every search filters on', () => {
    expect(Object.values(def.inputs ?? {}).map((i) => i.options?.token)).toContain('dest');
    for (const [id, ds] of Object.entries(def.dataSources)) {
      if (ds.type === 'ds.search') expect({ id, filters: /\$dest\|s\$/.test(String(ds.options?.query)) }).toEqual({ id, filters: true });
      expect({ id, host: /search dest=\$dest\|s\$/.test(spl.get(id) ?? '') }).toEqual({ id, host: true });
    }
  });

  it('is reached from every host table of the overview, passing the host and the time range', () => {
    const hostTables = Object.entries(overview.visualizations).filter(([, v]) => v.type === 'splunk.table' && v.dataSources?.primary && /\bAS Host\b/.test(expandMacros(fullSpl(overview, v.dataSources.primary), macros)));
    expect(hostTables.map(([id]) => id).sort()).toEqual(['viz_readiness', 'viz_top']);
    for (const [, viz] of hostTables) {
      const handler = viz.eventHandlers?.find((h) => h.type === 'drilldown.linkToDashboard');
      expect(handler?.options?.dashboard).toBe('idetunnel_host');
      expect(handler?.options?.tokens).toEqual(expect.arrayContaining([{ token: 'dest', value: '$row.Host.value$' }, { token: 'global_time.earliest', value: '$global_time.earliest$' }]));
    }
  });

  it('is reached from the detections\' results through a workflow action on dest', () => {
    const actions = loadConf('default/workflow_actions.conf').stanzas.get('idetunnel_investigate_host')?.settings;
    expect(actions?.get('fields')).toBe('dest');
    expect(actions?.get('link.uri')).toBe('/app/idetunnel/idetunnel_host?form.dest=$dest$');
    const correlation = savedSearches().get('IDE Tunnel - Host Correlation - Rule');
    expect(expandMacros(correlation?.get('search') ?? '', macros)).toMatch(/by dest\b/);
  });

  it('has the timeline with reasons, the process chain, DNS/network, persistence, files and allowlist panels', () => {
    expect(splOf('viz_timeline')).toMatch(/reasons=mvjoin\(ide_tunnel_reasons, "; "\)/);
    expect(splOf('viz_reasons')).toMatch(/stats count as events .* by ide_tunnel_reasons/);
    expect(splOf('viz_chain')).toMatch(/ide_tunnel_chain=if\(ide_tunnel_is_tunnel=1, ProcessGuid, ParentProcessGuid\)[\s\S]*eventstats max\(ide_tunnel_is_tunnel\) as ide_tunnel_has_tunnel by ide_tunnel_chain/);
    expect(splOf('viz_network')).toMatch(/where EventCode==3 OR EventCode==22/);
    expect(splOf('viz_persistence')).toMatch(/EventCode==13 OR EventCode==4698/);
    expect(splOf('viz_files')).toMatch(/where EventCode==11/);
    expect(splOf('viz_allowlist')).toMatch(/lookup idetunnel_allowlist_lookup host AS ide_tunnel_al_host user AS ide_tunnel_al_user process_path AS ide_tunnel_al_path/);
  });

  it('keeps the allowlist lookup of the panel identical to the one the detections apply', () => {
    const lookupOf = (text: string): string | undefined => /\| lookup idetunnel_allowlist_lookup [^|]*/.exec(text)?.[0].trim();
    expect(lookupOf(splOf('viz_allowlist'))).toBe(lookupOf(expandMacros('`ide_tunnel_allowlist`', macros)));
  });

  it('says "none found" in evidence panels instead of an empty panel', () => {
    for (const id of ['viz_chain', 'viz_network', 'viz_persistence', 'viz_files', 'viz_allowlist']) {
      expect({ id, noneRow: /appendpipe \[stats count as ide_tunnel_rows \| where ide_tunnel_rows=0/.test(splOf(id)) }).toEqual({ id, noneRow: true });
    }
  });

  it('shows the investigation guide of docs/investigation.md word for word, with the response commands', () => {
    const doc = readFileSync(join(__dirname, '../../docs/investigation.md'), 'utf8');
    const markdown = String(def.visualizations.viz_guide?.options?.markdown);
    expect(markdown).toBe(doc.slice(doc.indexOf('## What to check')).trim());
    for (const command of ['code tunnel unregister', 'devtunnel delete', 'Revoke-MgUserSignInSession', 'schtasks /delete', 'reg delete', 'sc.exe delete', 'systemctl --user disable --now']) {
      expect(markdown).toContain(command);
    }
  });

  it('keeps a named slot for the identity panel (viz_identity) on the host tab', () => {
    const hostLayout = def.layout.layoutDefinitions.layout_host.structure ?? [];
    expect(hostLayout.map((b) => b.item)).toContain('viz_identity');
  });
});
