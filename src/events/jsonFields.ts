/**
 * Nested JSON to the flat field names Splunk's JSON extraction (`KV_MODE = json`, `spath`) gives:
 * object members joined with `.` (`properties.status.errorCode`), array elements under `name{}`
 * (`properties.authenticationDetails{}.succeeded`), several values of one name as a multivalue
 * field. Sources: Splunk docs, "spath" (path syntax: `.` for members, `{}` for arrays) and
 * props.conf `KV_MODE = json`; the Splunk Add-on for Microsoft Cloud Services indexes Entra sign-ins
 * (`azure:monitor:aad`) this way, which is how ESCU reads `properties.authenticationProtocol`.
 */

/** Field name -> its values in document order (one value for most fields; several for arrays). */
export type FlatFields = Map<string, string[]>;

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function add(out: FlatFields, name: string, text: string): void {
  const values = out.get(name);
  if (values) values.push(text);
  else out.set(name, [text]);
}

function walk(value: unknown, name: string, out: FlatFields): void {
  const text = scalarText(value);
  if (text !== undefined) {
    add(out, name, text);
    return;
  }
  if (Array.isArray(value)) {
    for (const element of value) walk(element, `${name}{}`, out);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value as Record<string, unknown>)) walk(member, name === '' ? key : `${name}.${key}`, out);
  }
  // null and undefined give no field, as in Splunk.
}

/**
 * Flattens one JSON value below `prefix` (`''` for a whole document) into Splunk field names.
 * Scalars keep their text (`true`, `0`, `1.5`); null members are left out.
 * @example flattenJson({ properties: { status: { errorCode: 0 } } }) -> Map { 'properties.status.errorCode' => ['0'] }
 */
export function flattenJson(value: unknown, prefix = ''): FlatFields {
  const out: FlatFields = new Map();
  walk(value, prefix, out);
  return out;
}

/**
 * Adds the flattened fields of one nested member (an object or array named `key`) to a flat field
 * record, a multivalue field's values joined by newlines (the readers' and the corpus's convention).
 */
export function addFlattened(out: Record<string, string>, key: string, value: object): void {
  for (const [name, values] of flattenJson(value, key)) out[name] = values.join('\n');
}
