import { decodeMultivalue, Table } from '../protocol/csvBody';
import { EventField, FIELD_ALIASES } from './fieldAliases';

/** Read access to one event's fields by canonical (Sysmon) name; values are never empty strings. */
export interface EventView {
  /**
   * All values of a field: [] when missing, one value normally, several for a multivalue field.
   * The first alias (see FIELD_ALIASES) with a non-empty value wins.
   */
  values(field: EventField): readonly string[];
}

interface ColumnPair {
  plain: number;
  multivalue: number;
}

/**
 * Column positions of every alias of every field in one chunk's header, computed once per chunk
 * so that per-row lookups are array reads.
 */
export class FieldColumns {
  private readonly columns: Map<EventField, ColumnPair[]> = new Map();
  /** True when at least one alias of at least one field is a column of this chunk. */
  readonly anyPresent: boolean;

  constructor(header: readonly string[]) {
    const position = new Map<string, number>();
    header.forEach((name, i) => position.set(name, i));
    let any = false;
    for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [EventField, readonly string[]][]) {
      const pairs: ColumnPair[] = [];
      for (const alias of aliases) {
        const plain = position.get(alias);
        if (plain === undefined) continue;
        pairs.push({ plain, multivalue: position.get(`__mv_${alias}`) ?? -1 });
        if (field !== 'host' && field !== 'EventCode' && field !== 'User') any = true;
      }
      this.columns.set(field, pairs);
    }
    this.anyPresent = any;
  }

  /** An {@link EventView} of row `row` of a table with this header. */
  view(row: readonly string[]): EventView {
    return {
      values: (field) => {
        for (const { plain, multivalue } of this.columns.get(field) ?? []) {
          if (multivalue >= 0 && row[multivalue] !== '') {
            const decoded = decodeMultivalue(row[multivalue]);
            if (decoded) {
              const nonEmpty = decoded.filter((v) => v !== '');
              if (nonEmpty.length > 0) return nonEmpty;
              continue;
            }
          }
          if (row[plain] !== '') return [row[plain]];
        }
        return [];
      },
    };
  }

  /** True when the row has a non-empty value for any detection field (ignoring host/EventCode/User). */
  rowHasFields(row: readonly string[]): boolean {
    for (const [field, pairs] of this.columns) {
      if (field === 'host' || field === 'EventCode' || field === 'User') continue;
      for (const { plain } of pairs) if (row[plain] !== '') return true;
    }
    return false;
  }
}

/** An {@link EventView} over a plain record of Sysmon-named fields (e.g. parsed from `_raw`). */
export function recordView(record: Readonly<Record<string, string>>): EventView {
  return {
    values: (field) => {
      for (const alias of FIELD_ALIASES[field]) {
        const value = record[alias];
        if (value !== undefined && value !== '') return [value];
      }
      return [];
    },
  };
}

/** Convenience for tests and tools: views of every row of a table. */
export function tableViews(table: Table): EventView[] {
  const columns = new FieldColumns(table.header);
  return table.rows.map((row) => columns.view(row));
}
