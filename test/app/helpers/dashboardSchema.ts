/**
 * The JSON schema the dashboard tests validate Dashboard Studio definitions against.
 *
 * Built with `createSchemaBasedOnDicts` from `@splunk/dashboard-definition` (Splunk's own schema for
 * definitions: top-level sections, tabs and layoutDefinitions, event handlers, token names) and the
 * per-visualization option schemas of `@splunk/visualization-schemas` (Splunk's option schemas for
 * splunk.table, splunk.singlevalue, ...), made strict so an unknown option key fails.
 *
 * Splunk publishes no option schemas for data sources, inputs or layouts in those packages (they
 * live in `@splunk/dashboard-presets`, which pulls in the React UI), so the options of `ds.search`,
 * `ds.chain`, `input.timerange`, `input.text` and the `grid` layout below are derived by us from the
 * Dashboard Studio documentation ("Data source options", "Inputs", "Layouts"), covering the keys
 * this app uses.
 */
import { createSchemaBasedOnDicts } from '@splunk/dashboard-definition';
import * as viz from '@splunk/visualization-schemas';

type Schema = Record<string, unknown>;

/** Wraps an option-properties map so additional option keys are rejected. */
const strict = (properties: unknown, required: string[] = []): Schema => ({
  extend: { type: 'object', properties, required, additionalProperties: false },
});

/** Visualization types this app may use, with Splunk's option schemas. */
export const VISUALIZATION_OPTIONS: Record<string, unknown> = {
  'splunk.singlevalue': viz.singleValueOptionsSchema,
  'splunk.table': viz.tableOptionsSchema,
  'splunk.column': viz.columnOptionsSchema,
  'splunk.line': viz.lineOptionsSchema,
  'splunk.markdown': viz.markdownOptionsSchema,
};

const queryParameters = {
  type: 'object',
  additionalProperties: false,
  properties: { earliest: { type: 'string' }, latest: { type: 'string' }, sampleRatio: { type: 'number' } },
};

/** Derived (see the file comment): data source options. */
const DATA_SOURCE_OPTIONS: Record<string, Schema> = {
  'ds.search': strict(
    {
      query: { type: 'string', minLength: 1 },
      queryParameters,
      refresh: { type: 'string', pattern: '^\\d+[smh]$' },
      refreshType: { type: 'string', enum: ['delay', 'interval'] },
      enableSmartSources: { type: 'boolean' },
    },
    ['query'],
  ),
  'ds.chain': strict({ query: { type: 'string', minLength: 1 } }, ['query']),
};

/** Derived (see the file comment): input options (combineSchema makes input options strict). */
const INPUT_OPTIONS: Record<string, Schema> = {
  'input.timerange': { token: { type: 'string', pattern: '^[a-zA-Z0-9_]+$' }, defaultValue: { type: 'string' } },
  'input.text': { token: { type: 'string', pattern: '^[a-zA-Z0-9_]+$' }, defaultValue: { type: 'string' } },
};

/** Derived (see the file comment): layout options. */
const LAYOUT_OPTIONS: Record<string, Schema> = {
  grid: strict({ width: { type: 'number', minimum: 1 }, height: { type: 'number', minimum: 1 } }),
};

/** The combined schema (a JSON schema object for Ajv). */
export function dashboardSchema(): Schema {
  const visualizationDict = Object.fromEntries(
    Object.entries(VISUALIZATION_OPTIONS).map(([type, properties]) => [type, strict(properties)]),
  );
  const build = createSchemaBasedOnDicts as unknown as (dicts: Record<string, Record<string, unknown>>) => Schema;
  return build({
    visualizationDict,
    dataSourceDict: DATA_SOURCE_OPTIONS,
    inputDict: INPUT_OPTIONS,
    layoutDict: LAYOUT_OPTIONS,
  });
}
