/**
 * Collects every SPL string the app runs: saved searches, dashboard data sources and drilldown
 * searches, and search assistant examples, each labelled with where it comes from.
 */
import { loadConf, loadViews, savedSearches } from './appFiles';
import { allowlistPreviewSearch, SETUP_DATA_CHECK_SEARCH } from '../../../src/web/searches';

/** One SPL string and where it lives. */
export interface AppSearch {
  /** e.g. `savedsearches.conf [IDE Tunnel - ...]` or `view idetunnel_overview ds_base`. */
  readonly where: string;
  readonly kind: 'saved search' | 'dashboard data source' | 'dashboard drilldown' | 'searchbnf example' | 'web page search';
  readonly spl: string;
}

interface Handler {
  type?: string;
  options?: { query?: string };
}
interface Item {
  type?: string;
  options?: { query?: string };
  eventHandlers?: Handler[];
}

/** SPL of the dashboard definitions: data source queries and linkToSearch drilldowns. */
export function dashboardSearches(view: string, definition: Record<string, unknown>): AppSearch[] {
  const out: AppSearch[] = [];
  const dataSources = (definition.dataSources ?? {}) as Record<string, Item>;
  for (const [id, ds] of Object.entries(dataSources)) {
    if (typeof ds.options?.query === 'string') {
      out.push({ where: `view ${view} ${id}`, kind: 'dashboard data source', spl: ds.options.query });
    }
  }
  const items = { ...(definition.visualizations ?? {}), ...(definition.inputs ?? {}) } as Record<string, Item>;
  for (const [id, item] of Object.entries(items)) {
    (item.eventHandlers ?? []).forEach((handler, i) => {
      if (handler.type === 'drilldown.linkToSearch' && typeof handler.options?.query === 'string') {
        out.push({ where: `view ${view} ${id} eventHandlers[${i}]`, kind: 'dashboard drilldown', spl: handler.options.query });
      }
    });
  }
  return out;
}

/** Every SPL string of the app. */
export async function allAppSearches(): Promise<AppSearch[]> {
  const out: AppSearch[] = [];
  for (const [name, settings] of savedSearches()) {
    const spl = settings.get('search');
    if (spl !== undefined) out.push({ where: `savedsearches.conf [${name}]`, kind: 'saved search', spl });
  }
  for (const view of await loadViews()) out.push(...dashboardSearches(view.name, view.dashboard.definition));
  // The setup and allowlist pages (src/web/searches.ts); the preview with an example row.
  out.push({ where: 'setup page data check', kind: 'web page search', spl: SETUP_DATA_CHECK_SEARCH });
  out.push({ where: 'allowlist page preview', kind: 'web page search', spl: allowlistPreviewSearch({ host: 'build-*', user: 'corp\\svc_ci', process_path: '*\\code.exe' }) });
  for (const [name, stanza] of loadConf('default/searchbnf.conf').stanzas) {
    for (const [key, value] of stanza.settings) {
      if (/^example\d+$/.test(key)) out.push({ where: `searchbnf.conf [${name}] ${key}`, kind: 'searchbnf example', spl: value });
    }
  }
  return out;
}
