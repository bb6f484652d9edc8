import { OUTPUT_FIELDS } from '../detection/scoreEvent';
import { SEED_FIELD_NAMES } from '../detection/seedRule';

/** The event fields `idetunnel score` shows next to the command's output fields. */
const EVENT_FIELDS = ['_time', 'host', 'EventCode', 'User', 'Image', 'CommandLine', 'ParentImage', 'ParentCommandLine'] as const;

/** The seed rule's `table` columns (../shared/seed/ide-tunneling-detection.txt). */
export const SEED_TABLE_FIELDS = [
  '_time', 'host', 'User', 'Image', 'CommandLine', 'ParentImage', 'ParentCommandLine', ...SEED_FIELD_NAMES,
] as const;

/** The fields of `--format json|csv` with the score view (the default): event fields, the seed's six, the score fields. */
export const SCORE_RECORD_FIELDS: readonly string[] = [...EVENT_FIELDS, ...OUTPUT_FIELDS.map((f) => f.name)];

/** Which rows and columns `idetunnel score` prints: the score view (default) or the seed rule's table. */
export type FieldSet = 'score' | 'seed';

/** Output formats of `idetunnel score`. */
export type OutputFormat = 'table' | 'json' | 'csv';

/** Whole-number output fields: the seed's six, `ide_tunnel_score`, `ide_tunnel_alert`. */
const NUMBER_FIELDS: ReadonlySet<string> = new Set([...SEED_FIELD_NAMES, 'ide_tunnel_score', 'ide_tunnel_alert']);
/** Multivalue output fields (reasons, techniques): one value per line in the merged event. */
const LIST_FIELDS: ReadonlySet<string> = new Set(OUTPUT_FIELDS.filter((f) => f.multivalue).map((f) => f.name));

/** `_time` (epoch seconds) as ISO 8601 UTC; other values as they are. */
export function displayValue(field: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (field === '_time' && /^\d+(\.\d+)?$/.test(value)) return new Date(Number(value) * 1000).toISOString();
  return value;
}

/** Where an event came from, added to every JSON record. */
export interface RecordSource {
  file: string;
  line: number;
}

/**
 * One scored event as a typed JSON object (a line of `--format json`): the seed's six fields,
 * `ide_tunnel_score` and `ide_tunnel_alert` as numbers; `ide_tunnel_reasons` and
 * `mitre_technique_id` as arrays of strings (empty when nothing matched); `_time` as ISO 8601 UTC;
 * other fields as strings, left out when the event has none; then `source` (the file) and
 * `source_line` (1-based line where the event starts).
 */
export function typedRecord(fields: Readonly<Record<string, string>>, names: readonly string[], source: RecordSource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = fields[name];
    if (NUMBER_FIELDS.has(name)) out[name] = value === undefined || value === '' ? null : Number(value);
    else if (LIST_FIELDS.has(name)) out[name] = value === undefined || value === '' ? [] : value.split('\n');
    else if (value !== undefined && value !== '') out[name] = displayValue(name, value);
  }
  out.source = source.file;
  out.source_line = source.line;
  return out;
}
