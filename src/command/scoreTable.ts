import { ArrayCells, FieldColumns } from '../events/eventView';
import { encodeMultivalue, Table } from '../protocol/csvBody';
import type { InspectorMessage } from '../protocol/session';
import { OUTPUT_FIELDS } from '../detection/scoreEvent';
import type { CommandOptions } from './options';
import { RowEvents } from './rowEvents';

/**
 * Adds the output fields to every row of one chunk's table, in place, and never drops a row.
 * Input columns and cells are kept as they are; an output field already in the header is
 * overwritten in its column, the others are appended (with `__mv_<name>` for multivalue fields).
 *
 * With `raw`, a row with no extracted detection fields but a `_raw` XmlWinEventLog event is read
 * from `_raw`; a `_raw` that is not an event XML keeps zero scores.
 *
 * @returns WARN messages: one per chunk counting rows whose `_raw` could not be read, and one when
 *   the chunk has none of the fields the command reads
 */
export function scoreTable(table: Table, options: CommandOptions): InspectorMessage[] {
  if (table.header.length === 0) return [];
  const columns = new FieldColumns(table.header);
  const rawIndex = options.raw ? table.header.indexOf('_raw') : -1;
  const targets = outputColumns(table.header);
  const cells = new ArrayCells([]);
  const events = new RowEvents(columns, rawIndex, cells);

  for (const row of table.rows) {
    cells.row = row;
    const values = events.scoreOf(cells, options);
    for (const { name, plain, multivalue } of targets) {
      const value = values[name];
      if (typeof value === 'string') {
        setCell(row, plain, value);
        if (multivalue >= 0) setCell(row, multivalue, '');
      } else {
        setCell(row, plain, value.join('\n'));
        if (multivalue >= 0) setCell(row, multivalue, value.length > 1 ? encodeMultivalue(value) : '');
      }
    }
  }
  return events.warnings(table.rows.length);
}

interface OutputColumn {
  name: string;
  plain: number;
  multivalue: number;
}

/** Finds or appends (in `header`, in place) the columns of every output field. */
function outputColumns(header: string[]): OutputColumn[] {
  return OUTPUT_FIELDS.map(({ name, multivalue }) => {
    let plain = header.indexOf(name);
    if (plain < 0) {
      plain = header.length;
      header.push(name);
    }
    let mv = header.indexOf(`__mv_${name}`);
    if (mv < 0 && multivalue) {
      mv = header.length;
      header.push(`__mv_${name}`);
    }
    return { name, plain, multivalue: mv };
  });
}

function setCell(row: string[], index: number, value: string): void {
  while (row.length < index) row.push('');
  row[index] = value;
}
