import { ArrayCells, FieldColumns } from '../../src/events/eventView';
import { encodeMultivalue, parseCsvBody, Table, writeCsvBody } from '../../src/protocol/csvBody';
import type { InspectorMessage } from '../../src/protocol/session';
import { OUTPUT_FIELDS } from '../../src/detection/scoreEvent';
import type { CommandOptions } from '../../src/command/options';
import { RowEvents } from '../../src/command/rowEvents';
import { scoreCsvBytes } from '../../src/command/scoreCsvBytes';

/**
 * Scores a table with the command's engine (scoreCsvBytes over the table written as a CSV body) and
 * puts the reply's header and rows in `table`, in place.
 *
 * @returns the chunk's inspector messages
 */
export function scoreTable(table: Table, options: CommandOptions): InspectorMessage[] {
  const reply = scoreCsvBytes(Buffer.from(writeCsvBody(table)), options);
  const scored = parseCsvBody(reply.body.toString('utf8'));
  table.header = scored.header;
  table.rows = scored.rows;
  return reply.messages;
}

/**
 * The tests' reference for the engine, the plain way over a parsed table (what the command did
 * before it read bytes): every row's output fields written into its columns, an output field already
 * in the header overwritten in its column, the others appended (`__mv_<name>` after a multivalue
 * field). Changes `table` in place.
 *
 * @returns the chunk's inspector messages
 */
export function referenceScoreTable(table: Table, options: CommandOptions): InspectorMessage[] {
  if (table.header.length === 0) return [];
  const columns = new FieldColumns(table.header);
  const rawIndex = options.raw ? table.header.indexOf('_raw') : -1;
  const targets = OUTPUT_FIELDS.map(({ name, multivalue }) => {
    let plain = table.header.indexOf(name);
    if (plain < 0) plain = table.header.push(name) - 1;
    let mv = table.header.indexOf(`__mv_${name}`);
    if (mv < 0 && multivalue) mv = table.header.push(`__mv_${name}`) - 1;
    return { name, plain, mv };
  });
  const cells = new ArrayCells([]);
  const events = new RowEvents(columns, rawIndex, cells);
  for (const row of table.rows) {
    cells.row = row;
    const values = events.scoreOf(cells, options);
    for (const { name, plain, mv } of targets) {
      const value = values[name];
      const list = typeof value === 'string' ? [value] : value;
      row[plain] = list.join('\n');
      if (mv >= 0) row[mv] = list.length > 1 ? encodeMultivalue(list) : '';
    }
  }
  return events.warnings(table.rows.length);
}
