import { encodeCsvCell } from '../protocol/csvBody';

/** The seed rule's `table` columns (../shared/seed/ide-tunneling-detection.txt). */
export const SEED_TABLE_FIELDS = [
  '_time', 'host', 'User', 'Image', 'CommandLine', 'ParentImage', 'ParentCommandLine',
  'IsTunnelCommand', 'IsCodeCLI', 'IsJetBrains', 'HasGitHubAuth', 'IsHeadless', 'RiskScore',
] as const;

/** The score view's columns: what an analyst reads first (issue 4 fields). */
export const SCORE_TABLE_FIELDS = [
  '_time', 'host', 'EventCode', 'User', 'Image', 'CommandLine',
  'ide_tunnel_score', 'ide_tunnel_severity', 'ide_tunnel_tool', 'ide_tunnel_activity', 'mitre_technique_id', 'ide_tunnel_reasons',
] as const;

/** Which columns `idetunnel score` prints: the seed rule's table (default) or the score fields. */
export type FieldSet = 'seed' | 'score';

/** Output formats of `idetunnel score`. */
export type OutputFormat = 'table' | 'json' | 'csv';

/** Widest a table column gets, characters; longer values are cut with an ellipsis. */
const MAX_WIDTH: Record<string, number> = {
  _time: 24, host: 18, User: 24, Image: 48, CommandLine: 72, ParentImage: 40, ParentCommandLine: 48,
  ide_tunnel_severity: 13, ide_tunnel_tool: 15, ide_tunnel_activity: 15, mitre_technique_id: 20, ide_tunnel_reasons: 120,
};

/** `_time` (epoch seconds) as ISO 8601 UTC for display; other values as they are. */
export function displayValue(field: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (field === '_time' && /^\d+(\.\d+)?$/.test(value)) return new Date(Number(value) * 1000).toISOString();
  return value;
}

/**
 * Writes rows in one format, incrementally: `header()` once, then `rows()` per batch.
 * Table widths are fixed from the first batch written (capped per column), so output can stream.
 */
export class RowWriter {
  private widths: number[] | null = null;

  constructor(
    private readonly format: OutputFormat,
    private readonly fields: readonly string[],
    private readonly write: (text: string) => void,
    /** Widest a table column gets, by field (defaults: the seed table's, 16 for other fields). */
    private readonly maxWidths: Readonly<Record<string, number>> = MAX_WIDTH,
  ) {}

  /** Writes a batch of rows (records of field -> value). */
  rows(records: readonly Record<string, string>[]): void {
    if (this.format === 'json') {
      for (const r of records) {
        const out: Record<string, string> = {};
        for (const f of this.fields) if (r[f] !== undefined) out[f] = displayValue(f, r[f]);
        this.write(JSON.stringify(out) + '\n');
      }
      return;
    }
    if (this.format === 'csv') {
      if (!this.widths) {
        this.widths = [];
        this.write(this.fields.map(encodeCsvCell).join(',') + '\n');
      }
      for (const r of records) this.write(this.fields.map((f) => encodeCsvCell(displayValue(f, r[f]))).join(',') + '\n');
      return;
    }
    const cells = records.map((r) => this.fields.map((f) => oneLine(f, displayValue(f, r[f]))));
    if (!this.widths) {
      this.widths = this.fields.map((f, i) =>
        Math.min(this.maxWidths[f] ?? 16, Math.max(f.length, ...cells.map((row) => row[i].length))),
      );
      this.write(this.line(this.fields.slice()) + '\n' + this.line(this.widths.map((w) => '-'.repeat(w))) + '\n');
    }
    for (const row of cells) this.write(this.line(row) + '\n');
  }

  /** Ends the output (writes the header of an empty table). */
  end(): void {
    if (!this.widths && this.format !== 'json') this.rows([]);
  }

  private line(cells: string[]): string {
    const widths = this.widths as number[];
    return cells.map((c, i) => fit(c, widths[i])).join('  ').trimEnd();
  }
}

/** Multivalue output fields, joined with ` | ` in a table (other fields: line breaks become spaces). */
const MULTIVALUE_COLUMNS = new Set(['ide_tunnel_reasons', 'mitre_technique_id']);

function oneLine(field: string, value: string): string {
  return MULTIVALUE_COLUMNS.has(field) ? value.split('\n').join(' | ') : value.replace(/[\r\n\t]+/g, ' ');
}

function fit(value: string, width: number): string {
  return value.length > width ? value.slice(0, width - 1) + '…' : value.padEnd(width);
}
