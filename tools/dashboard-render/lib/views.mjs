/**
 * The app's Dashboard Studio views and the test definitions the render check feeds the browser:
 * every data source (ds.search and ds.chain alike) becomes a ds.test holding that data source's
 * rows, and input defaults carry the view's tokens (the host view's `dest`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @param {string} repo repository root
 * @returns {{ name: string, definition: Record<string, any> }[]} views with `<dashboard version="2">`, by name
 */
export function dashboardStudioViews(repo) {
  const folder = join(repo, 'default/data/ui/views');
  return readdirSync(folder)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.xml$/, ''), xml: readFileSync(join(folder, f), 'utf8') }))
    .filter(({ xml }) => /<dashboard[^>]*\bversion="2"/.test(xml))
    .map(({ name, xml }) => {
      const match = /<definition><!\[CDATA\[([\s\S]*?)\]\]><\/definition>/.exec(xml);
      if (!match) throw new Error(`${name}: no <definition><![CDATA[...]]> in a version="2" view`);
      return { name, definition: JSON.parse(match[1]) };
    });
}

/**
 * @param {Record<string, any>} definition the view's definition
 * @param {Record<string, { fields: object[], columns: unknown[][] }>} data rows per data source id
 * @param {Record<string, string>} tokens token values to start with (set as the defaults of the inputs that own them)
 * @returns {Record<string, any>} a copy rendering without Splunk
 * @throws Error when a data source of the view has no data (data for data sources the view lacks is
 *   ignored, so a fixture can be ready before a branch adding a panel is merged)
 */
export function testDefinition(definition, data, tokens) {
  const def = structuredClone(definition);
  const missing = Object.keys(def.dataSources).filter((id) => !(id in data));
  if (missing.length) throw new Error(`the fixture has no data for the view's data sources ${missing.join(', ')}`);
  for (const [id, ds] of Object.entries(def.dataSources)) def.dataSources[id] = { type: 'ds.test', name: ds.name ?? id, options: { data: data[id] } };
  delete def.defaults;
  for (const input of Object.values(def.inputs ?? {})) {
    const token = input.options?.token;
    if (token in tokens) input.options.defaultValue = tokens[token];
  }
  return def;
}
