/** default/data/ui/nav/default.xml names only views and saved searches that exist. */
import { parseStringPromise } from 'xml2js';
import { readRepoText, savedSearches, viewNames } from './helpers/appFiles';

// Views every Splunk search head provides to every app (search app views shared system-wide).
const BUILTIN_VIEWS = new Set(['search', 'alerts', 'reports', 'dashboards', 'analytics_workspace', 'datasets']);

interface NavNode {
  $?: Record<string, string>;
  view?: NavNode[];
  saved?: NavNode[];
  collection?: NavNode[];
}

function walk(node: NavNode, views: NavNode[], saved: NavNode[]): void {
  views.push(...(node.view ?? []));
  saved.push(...(node.saved ?? []));
  for (const child of node.collection ?? []) walk(child, views, saved);
}

describe('navigation', () => {
  it('links existing views, makes the overview the default, and lists existing saved searches', async () => {
    const nav = ((await parseStringPromise(readRepoText('default/data/ui/nav/default.xml'))) as { nav: NavNode }).nav;
    const views: NavNode[] = [];
    const saved: NavNode[] = [];
    walk(nav, views, saved);
    const appViews = new Set(viewNames());
    for (const view of views) {
      const name = view.$?.name ?? '';
      expect({ name, exists: appViews.has(name) || BUILTIN_VIEWS.has(name) }).toEqual({ name, exists: true });
    }
    expect(views.filter((v) => v.$?.default === 'true').map((v) => v.$?.name)).toEqual(['idetunnel_overview']);
    expect([...appViews].every((name) => views.some((v) => v.$?.name === name))).toBe(true);
    const names = new Set(savedSearches().keys());
    const named = saved.filter((s) => s.$?.name).map((s) => s.$?.name ?? '');
    expect(named.length).toBeGreaterThanOrEqual(6);
    for (const name of named) expect({ name, exists: names.has(name) }).toEqual({ name, exists: true });
  });
});
