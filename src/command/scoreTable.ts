import { EventXmlError, parseWindowsEventXml, windowsEventFields } from '../events/windowsEventXml';
import { EventView, FieldColumns, recordView } from '../events/eventView';
import { encodeMultivalue, Table } from '../protocol/csvBody';
import type { InspectorMessage } from '../protocol/session';
import { OUTPUT_FIELDS, scoreEvent } from '../detection/scoreEvent';
import type { CommandOptions } from './options';

/**
 * Adds the output fields to every row of one chunk's table, in place, and never drops a row.
 * Input columns and cells are kept as they are; an output field already in the header is
 * overwritten in its column, the others are appended (with `__mv_<name>` for multivalue fields).
 *
 * With `raw`, a row with no extracted detection fields but a `_raw` XmlWinEventLog event is read
 * from `_raw`; a `_raw` that is not an event XML keeps zero scores.
 *
 * @returns WARN messages: one per chunk counting rows whose `_raw` could not be read, one counting
 *   rows whose `_raw` was refused as unsafe XML (DTD, nesting, attribute size; see
 *   events/xmlSafety.ts), and one when the chunk has none of the fields the command reads
 */
export function scoreTable(table: Table, options: CommandOptions): InspectorMessage[] {
  const messages: InspectorMessage[] = [];
  if (table.header.length === 0) return messages;
  const columns = new FieldColumns(table.header);
  const rawIndex = options.raw ? table.header.indexOf('_raw') : -1;
  const targets = outputColumns(table.header);
  let unreadableRaw = 0;
  let unsafeRaw = 0;
  let unsafeReason = '';

  for (const row of table.rows) {
    let view: EventView = columns.view(row);
    if (rawIndex >= 0 && row[rawIndex] !== '' && !columns.rowHasFields(row)) {
      try {
        view = recordView(windowsEventFields(parseWindowsEventXml(row[rawIndex])));
      } catch (error) {
        if (!(error instanceof EventXmlError)) throw error;
        if (error.unsafe) {
          unsafeRaw++;
          unsafeReason ||= error.message;
        } else {
          unreadableRaw++;
        }
      }
    }
    const values = scoreEvent(view, options);
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

  if (unreadableRaw > 0) {
    messages.push([
      'WARN',
      `idetunnelscore: ${unreadableRaw} of ${table.rows.length} rows had a _raw that is not a Windows event XML; they pass through with zero scores`,
    ]);
  }
  if (unsafeRaw > 0) {
    messages.push([
      'WARN',
      `idetunnelscore: ${unsafeRaw} of ${table.rows.length} rows had a _raw XML that was not parsed (first: ${unsafeReason}); they pass through with zero scores`,
    ]);
  }
  if (table.rows.length > 0 && !columns.anyPresent && rawIndex < 0) {
    messages.push([
      'WARN',
      'idetunnelscore: none of the fields it reads (Image, CommandLine, process_path, process, ...) are in these events; ' +
        'install the Splunk Add-on for Sysmon on the search head, or pass raw=true to read XmlWinEventLog _raw',
    ]);
  }
  return messages;
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
