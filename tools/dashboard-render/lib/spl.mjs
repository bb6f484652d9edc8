/**
 * The few SPL steps the dashboards run after `| idetunnelscore`, re-done in JavaScript over the
 * command's real output, so the render check can feed ds.test data sources without a Splunk.
 * Each helper names the macro or command it stands for (default/macros.conf); fixtures/*.mjs
 * chain them per data source. Values are strings as splunkd returns them; multivalues are arrays.
 */

/** Splunk field value -> array of values (multivalue fields arrive joined by "\n"). */
export const mv = (value) => (value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : String(value).split('\n'));
export const num = (value) => Number(value ?? 0);

/** `ide_tunnel_entities`: dest, user, process_path, process, parent_*, registry_* from the Sysmon names. */
export function entities(event) {
  const code = event.EventCode;
  const dest = event.ide_tunnel_endpoint ?? ((code === '3' || code === '22') && event.Computer ? event.Computer : event.dest ?? event.Computer ?? event.ComputerName ?? event.host);
  const out = {
    ...event,
    dest,
    user: event.user ?? event.User ?? event.SubjectUserName ?? 'unknown',
    process_path: event.process_path ?? event.Image,
    process: event.process ?? event.CommandLine,
    parent_process_path: event.parent_process_path ?? event.ParentImage,
    parent_process: event.parent_process ?? event.ParentCommandLine,
    registry_path: event.registry_path ?? event.TargetObject,
    registry_value_data: event.registry_value_data ?? event.Details,
  };
  delete out.ide_tunnel_endpoint;
  return out;
}

/** `where ide_tunnel_score > 0 OR len(ide_tunnel_tool) > 0` */
export const scoredOrTool = (e) => num(e.ide_tunnel_score) > 0 || (e.ide_tunnel_tool ?? '') !== '';

/** `strftime(t, "%Y-%m-%d %H:%M[:%S]")` in UTC (the render runs with TZ=UTC). */
export function strftime(seconds, withSeconds = false) {
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, withSeconds ? 19 : 16)}`;
}

/** `stats ... by keys`: groups rows (in input order) by the values of `keys`; rows missing a key are dropped, as stats does. */
export function groupBy(rows, keys) {
  const groups = new Map();
  for (const row of rows) {
    if (keys.some((k) => row[k] === undefined || row[k] === null || row[k] === '')) continue;
    const id = JSON.stringify(keys.map((k) => row[k]));
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id).push(row);
  }
  return [...groups.values()];
}

/** `values(field)`: distinct values, sorted lexicographically as Splunk does. */
export const values = (rows, field) => [...new Set(rows.flatMap((r) => mv(r[field])))].sort();
/** `dc(field)` */
export const dc = (rows, field) => values(rows, field).length;
export const max = (rows, field) => Math.max(...rows.map((r) => num(r[field])));
export const min = (rows, field) => Math.min(...rows.map((r) => num(r[field])));
export const sum = (rows, field) => rows.reduce((a, r) => a + num(r[field]), 0);
/** `first(field)`: the value of the first row that has one (its first value, for a multivalue). */
export const first = (rows, field) => rows.map((r) => mv(r[field])[0]).find((v) => v !== undefined);

/** `sort 0 - field` (stable, numeric). */
export const sortDesc = (rows, field) => [...rows].sort((a, b) => num(b[field]) - num(a[field]));

/**
 * A ds.test data object from rows: `{ fields: [{name}], columns: [[...]] }` (column-major), fields
 * in the order of the final `table` / `rename`. Multivalue cells stay arrays.
 */
export function dataOf(fields, rows) {
  return { fields: fields.map((name) => ({ name })), columns: fields.map((f) => rows.map((r) => r[f] ?? null)) };
}

/** `ide_tunnel_none_row(field, text)`: one row saying there is nothing, when there are no rows. */
export const noneRow = (rows, field, text) => (rows.length > 0 ? rows : [{ [field]: text }]);
