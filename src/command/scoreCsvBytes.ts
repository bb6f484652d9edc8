import { OUTPUT_FIELDS, OutputValues, scoreEvent } from '../detection/scoreEvent';
import { FieldColumns } from '../events/eventView';
import { ByteBuilder } from '../protocol/byteBuilder';
import { encodeCsvCell, encodeMultivalue } from '../protocol/csvBody';
import { CsvCursor, isValidUtf8 } from '../protocol/csvCursor';
import type { InspectorMessage } from '../protocol/session';
import type { CommandOptions } from './options';
import { RowEvents } from './rowEvents';

/**
 * The fast path of one execute chunk: the same result as parseCsvBody + {@link scoreTable} +
 * writeCsvBody, computed over the body's bytes. Each row's bytes are copied to the reply unchanged
 * and the output cells appended; only the cells the detection asks for are decoded.
 * Measured on the benchmark (bench/, 50,000-row chunks of real Sysmon EID 1): see BENCHMARKS.md.
 * `out` may be the previous chunk's builder: the reply is written before the next chunk comes.
 *
 * Returns null — the caller then takes the string path, which gives the identical result or the
 * exact BAD_CSV error — when the body is empty, is not valid UTF-8 (the string path replaces bad
 * bytes by U+FFFD), is not valid CSV or has a ragged row, or already has an output column (the
 * string path overwrites it in place).
 */
export function scoreCsvBytes(
  body: Buffer,
  options: CommandOptions,
  out: ByteBuilder = new ByteBuilder(0),
): { body: Buffer; messages: InspectorMessage[] } | null {
  if (body.length === 0 || !isValidUtf8(body)) return null;
  const cursor = new CsvCursor(body);
  if (!cursor.next()) return null;
  const header = cursor.texts();
  const names = new Set(header);
  if (OUTPUT_FIELDS.some(({ name }) => names.has(name) || names.has(`__mv_${name}`))) return null;
  const width = header.length;
  const added: string[] = [];
  for (const { name, multivalue } of OUTPUT_FIELDS) added.push(name, ...(multivalue ? [`__mv_${name}`] : []));

  // Room for the appended cells; pages that are never written do not count in RSS.
  out.reset(Math.ceil(body.length * 1.25) + 4096);
  out.copy(body, cursor.recordStart, cursor.recordEnd);
  out.text(`,${added.map(encodeCsvCell).join(',')}\n`);
  const events = new RowEvents(new FieldColumns(header), options.raw ? header.indexOf('_raw') : -1, cursor);
  let rows = 0;
  while (cursor.next()) {
    if (cursor.cellCount !== width) return null;
    const values = scoreEvent(events.eventOf(cursor), options);
    out.copy(body, cursor.recordStart, cursor.recordEnd);
    appendCells(out, values);
    rows++;
  }
  if (cursor.malformed) return null;
  return { body: out.result(), messages: events.warnings(rows) };
}

/** True for a short value with no character CSV must quote (the 0/1 flags, scores, short words): skips a regex test per cell. */
function isPlainShort(value: string): boolean {
  if (value.length > 8) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x2c || c === 0x0a || c === 0x0d) return false;
  }
  return true;
}

/**
 * Appends `,v1,v2,...\n`: the output fields of one row as CSV cells, in OUTPUT_FIELDS order (the
 * same cells scoreTable writes), straight into the reply (no per-row line string).
 */
function appendCells(out: ByteBuilder, values: OutputValues): void {
  for (const { name, multivalue } of OUTPUT_FIELDS) {
    const value = values[name];
    out.byte(COMMA);
    if (typeof value === 'string') {
      out.text(isPlainShort(value) ? value : encodeCsvCell(value));
      if (multivalue) out.byte(COMMA);
    } else {
      out.text(encodeCsvCell(value.join('\n')));
      if (multivalue) {
        out.byte(COMMA);
        if (value.length > 1) out.text(encodeCsvCell(encodeMultivalue(value)));
      }
    }
  }
  out.byte(NEWLINE);
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
