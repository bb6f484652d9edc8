import { encodeCsvCell } from '../protocol/csvBody';
import { displayValue, RecordSource, typedRecord } from './records';
import { FittedTable, TableColumn } from './table';

/** Writes rows in one output format, batch by batch, then `end()`. */
export interface RowWriter<Row> {
  rows(rows: readonly Row[]): void;
  end(): void;
}

/** Text sink (stdout in the CLI). */
export type Write = (text: string) => void;

/** Output is handed to `write` in pieces of about this many characters (fewer, larger writes). */
const FLUSH_CHARS = 65536;

function batched(write: Write): { add(text: string): void; flush(): void } {
  let pending = '';
  return {
    add(text) {
      pending += text;
      if (pending.length >= FLUSH_CHARS) {
        write(pending);
        pending = '';
      }
    },
    flush() {
      if (pending !== '') write(pending);
      pending = '';
    },
  };
}

/**
 * CSV as Splunk exports it: a header row of the field names, then one row per record, every value
 * as text (multivalue fields one value per line inside the cell, `_time` ISO 8601 UTC), RFC 4180 quoting.
 */
export function csvWriter(fields: readonly string[], write: Write): RowWriter<Readonly<Record<string, string>>> {
  let headerDone = false;
  const header = () => {
    if (!headerDone) write(fields.map(encodeCsvCell).join(',') + '\n');
    headerDone = true;
  };
  return {
    rows(records) {
      header();
      const out = batched(write);
      for (const r of records) out.add(fields.map((f) => encodeCsvCell(displayValue(f, r[f]))).join(',') + '\n');
      out.flush();
    },
    end: header,
  };
}

/** JSON Lines of plain string records (fields left out when absent). */
export function jsonLinesWriter(fields: readonly string[], write: Write): RowWriter<Readonly<Record<string, string>>> {
  return {
    rows(records) {
      const out = batched(write);
      for (const r of records) {
        const record: Record<string, string> = {};
        for (const f of fields) if (r[f] !== undefined) record[f] = displayValue(f, r[f]);
        out.add(JSON.stringify(record) + '\n');
      }
      out.flush();
    },
    end: () => undefined,
  };
}

/** A scored event with where it came from. */
export interface SourcedFields {
  fields: Readonly<Record<string, string>>;
  file: string;
  line: number;
}

/** JSON Lines of typed scored events ({@link typedRecord}). */
export function typedJsonLinesWriter(fields: readonly string[], write: Write): RowWriter<SourcedFields> {
  return {
    rows(events) {
      const out = batched(write);
      for (const e of events) out.add(JSON.stringify(typedRecord(e.fields, fields, e as RecordSource)) + '\n');
      out.flush();
    },
    end: () => undefined,
  };
}

/** A {@link FittedTable} as a RowWriter. */
export function tableWriter<Row>(columns: readonly TableColumn<Row>[], width: number, write: Write, headerStyle?: (text: string) => string): RowWriter<Row> {
  const table = new FittedTable(columns, width, write, headerStyle);
  return { rows: (rows) => table.rows(rows), end: () => table.end() };
}
