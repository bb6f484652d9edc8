import { ProtocolError } from './errors';

/**
 * A chunk body as a table: the CSV header and the rows, every cell a string ('' = null/missing).
 * Multivalue fields travel as two columns, `X` (values joined by `\n`) and `__mv_X` (`$v1$;$v2$`);
 * see {@link decodeMultivalue}.
 */
export interface Table {
  header: string[];
  rows: string[][];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Parses a chunk body as RFC 4180 CSV with its own header line (records end in `\n` or `\r\n`;
 * quoted cells may hold commas, quotes as `""`, CR and LF). An empty body is a table with no
 * columns; a header-only body has no rows.
 *
 * @param text the body decoded as UTF-8 (invalid bytes already replaced by U+FFFD)
 * @throws ProtocolError BAD_CSV for an unterminated quote, text after a closing quote, or a row
 *   whose cell count differs from the header's
 */
export function parseCsvBody(text: string, chunkIndex?: number): Table {
  const records: string[][] = [];
  const length = text.length;
  let record: string[] = [];
  let i = 0;
  if (length === 0) return { header: [], rows: [] };
  for (;;) {
    let cell: string;
    if (text.charCodeAt(i) === QUOTE) {
      let start = i + 1;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', start);
        if (q === -1) {
          throw new ProtocolError('BAD_CSV', `unterminated quoted cell in row ${records.length}`, chunkIndex);
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(start, q + 1);
          start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
      cell = value;
      const next = i < length ? text.charCodeAt(i) : LF;
      if (next !== COMMA && next !== LF && next !== CR) {
        throw new ProtocolError('BAD_CSV', `unexpected text after a closing quote in row ${records.length}`, chunkIndex);
      }
    } else {
      const start = i;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === COMMA || c === LF || c === CR) break;
        i++;
      }
      cell = text.slice(start, i);
    }
    record.push(cell);
    if (i >= length) {
      records.push(record);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    records.push(record);
    record = [];
    if (i >= length) break;
  }
  const header = records.shift() ?? [];
  for (let r = 0; r < records.length; r++) {
    if (records[r].length !== header.length) {
      throw new ProtocolError(
        'BAD_CSV',
        `row ${r} has ${records[r].length} cells but the header has ${header.length}`,
        chunkIndex,
      );
    }
  }
  return { header, rows: records };
}

const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes one CSV cell when it holds a comma, quote, CR or LF (minimal quoting, as the Python SDK writes). */
export function encodeCsvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes a table as a CSV body: header line then one `\n`-terminated line per row.
 * A table with no columns is the empty body.
 */
export function writeCsvBody(table: Table): string {
  if (table.header.length === 0) return '';
  const lines: string[] = [table.header.map(encodeCsvCell).join(',')];
  for (const row of table.rows) lines.push(row.map(encodeCsvCell).join(','));
  return lines.join('\n') + '\n';
}

/**
 * Decodes a `__mv_<field>` cell: `$v1$;$v2$` with `$` inside a value doubled (`$$`).
 * Source: splunklib `searchcommands/internals.py` (RecordWriter._write_record / multivalue encoding)
 * and the TestInternals recording in ../shared/reference/scpv2.
 *
 * @returns the values, or null when the cell is empty or not in that encoding (then the plain
 *   column holds the single value)
 */
export function decodeMultivalue(cell: string): string[] | null {
  if (cell.length < 2 || cell.charCodeAt(0) !== 0x24) return null;
  const values: string[] = [];
  let i = 1;
  let value = '';
  for (;;) {
    const d = cell.indexOf('$', i);
    if (d === -1) return null;
    if (cell.charCodeAt(d + 1) === 0x24) {
      value += cell.slice(i, d + 1);
      i = d + 2;
      continue;
    }
    value += cell.slice(i, d);
    values.push(value);
    value = '';
    if (d + 1 === cell.length) return values;
    if (cell.charCodeAt(d + 1) !== 0x3b || cell.charCodeAt(d + 2) !== 0x24) return null;
    i = d + 3;
  }
}

/** Encodes values for a `__mv_<field>` cell (inverse of {@link decodeMultivalue}). */
export function encodeMultivalue(values: readonly string[]): string {
  return values.map((v) => `$${v.replace(/\$/g, '$$$$')}$`).join(';');
}
