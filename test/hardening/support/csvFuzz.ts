import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { OUTPUT_FIELDS } from '../../../src/detection/scoreEvent';

/**
 * Fast-check arbitraries and an independent oracle for fuzzing chunk bodies.
 * Bodies are built as BYTES (so cells can hold invalid UTF-8), encoded as RFC 4180 CSV the way
 * splunkd or the Python SDK might write them (minimal or full quoting, `\n` or `\r\n`), and the
 * replies are parsed with csv-parse (not the command's own codec) as the oracle.
 */

/** Fuzz seed: fixed so a run is reproducible; override with IDETUNNEL_FUZZ_SEED to explore. */
export const FUZZ_SEED = Number(process.env.IDETUNNEL_FUZZ_SEED ?? 20261129);
/** Scales every property's numRuns (IDETUNNEL_FUZZ_SCALE=10 for a long local exploration). */
export const FUZZ_SCALE = Number(process.env.IDETUNNEL_FUZZ_SCALE ?? 1);

/** fast-check parameters for a property: fixed seed, bounded runs, and the seed in the failure text. */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(numRuns * FUZZ_SCALE)), verbose: 1, endOnFailure: true };
}

const OUTPUT_NAMES = new Set(OUTPUT_FIELDS.flatMap(({ name }) => [name, `__mv_${name}`]));

/** Byte pieces that stress the codec: CSV specials, multivalue markers, unicode, invalid UTF-8. */
const INTERESTING_BYTES: readonly number[][] = [
  [0x22], [0x2c], [0x0d], [0x0a], [0x0d, 0x0a], [0x24], [0x3b], [0x24, 0x3b, 0x24], [0x24, 0x24], [0x20], [0x09], [0x00],
  [0xe0, 0xb8, 0x97], // ท (3-byte)
  [0xf0, 0x9f, 0x98, 0x80], // 😀 (4-byte)
  [0xef, 0xbb, 0xbf], // BOM
  [0x80], [0xff], [0xc3], [0xe0, 0xb8], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80],
];

const WORDS = ['code tunnel', 'C:\\Program Files\\Microsoft VS Code\\Code.exe', '--accept-server-license-terms', 'github', 'devtunnel host', '<Event>', ''];

/** One cell as bytes, possibly holding invalid UTF-8. */
export const cellBytes: fc.Arbitrary<Buffer> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }).map((s) => Buffer.from(s, 'utf8')) },
      { weight: 3, arbitrary: fc.constantFrom(...INTERESTING_BYTES).map((b) => Buffer.from(b)) },
      { weight: 1, arbitrary: fc.constantFrom(...WORDS).map((w) => Buffer.from(w, 'utf8')) },
    ),
    { maxLength: 8 },
  )
  .map((parts) => Buffer.concat(parts));

/** A `__mv_` cell: a proper `$v1$;$v2$` encoding (values with `$` doubled) or arbitrary bytes. */
export const multivalueCell: fc.Arbitrary<Buffer> = fc.oneof(
  fc
    .array(fc.string({ unit: fc.constantFrom('$', ';', 'a', ',', '"', '\n', 'ท'), maxLength: 5 }), { minLength: 1, maxLength: 4 })
    .map((values) => Buffer.from(values.map((v) => `$${v.replace(/\$/g, '$$$$')}$`).join(';'), 'utf8')),
  cellBytes,
);

/** Field names: names the command reads, and arbitrary text (never one of the command's output fields). */
const fieldName: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('Image', 'CommandLine', 'process_path', 'process', 'ParentImage', 'TaskContent', 'host', 'EventCode', 'User', '_raw'),
    fc.string({ unit: fc.constantFrom('a', 'Z', '_', '.', ' ', '"', ',', 'é', 'ท', ':', '-', '\n'), minLength: 1, maxLength: 8 }),
  )
  .filter((name) => !OUTPUT_NAMES.has(name) && name !== '_chunked_idx' && !name.startsWith('__mv_'));

/** A chunk body as generated: column names, rows of byte cells, and how it was written. */
export interface FuzzTable {
  /** Column names in order, `_chunked_idx` and `__mv_` columns included. */
  header: string[];
  /** Cells as bytes, one array per row, same length as header. */
  rows: Buffer[][];
  /** Per cell: quote even when not needed. */
  quoteAll: boolean;
  crlf: boolean;
}

/** Tables of 1-6 fields plus `_chunked_idx` (at a random position) and 0-6 rows. */
export const fuzzTable: fc.Arbitrary<FuzzTable> = fc
  .record({
    names: fc.uniqueArray(fieldName, { minLength: 1, maxLength: 6 }),
    mvFlags: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    idxAt: fc.nat(),
    rowCount: fc.nat({ max: 6 }),
    quoteAll: fc.boolean(),
    crlf: fc.boolean(),
    // Half the tables hold only valid UTF-8, half some invalid bytes (returned as sent; the detection
    // reads them as U+FFFD).
    validUtf8: fc.boolean(),
    seed: fc.array(fc.tuple(cellBytes, multivalueCell), { minLength: 42, maxLength: 42 }),
  })
  .map(({ names, mvFlags, idxAt, rowCount, quoteAll, crlf, validUtf8, seed }) => {
    const header: string[] = [];
    names.forEach((name, i) => {
      header.push(name);
      if (mvFlags[i]) header.push(`__mv_${name}`);
    });
    header.splice(idxAt % (header.length + 1), 0, '_chunked_idx');
    const rows: Buffer[][] = [];
    let k = 0;
    for (let r = 0; r < rowCount; r++) {
      rows.push(
        header.map((name) => {
          if (name === '_chunked_idx') return Buffer.from(String(r));
          const [plain, mv] = seed[k++ % seed.length];
          const cell = name.startsWith('__mv_') ? mv : plain;
          return validUtf8 ? Buffer.from(cell.toString('utf8'), 'utf8') : cell;
        }),
      );
    }
    return { header, rows, quoteAll, crlf };
  });

const SPECIAL = new Set([0x22, 0x2c, 0x0d, 0x0a]);

function encodeCell(bytes: Buffer, quoteAll: boolean): Buffer {
  const needsQuotes = quoteAll || bytes.some((b) => SPECIAL.has(b));
  if (!needsQuotes) return bytes;
  const parts: Buffer[] = [Buffer.from('"')];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x22) {
      parts.push(bytes.subarray(start, i + 1), Buffer.from('"'));
      start = i + 1;
    }
  }
  parts.push(bytes.subarray(start), Buffer.from('"'));
  return Buffer.concat(parts);
}

/** Writes a generated table as a CSV body (bytes), header first, every record terminated. */
export function encodeFuzzTable(table: FuzzTable): Buffer {
  const eol = Buffer.from(table.crlf ? '\r\n' : '\n');
  const lines: Buffer[] = [];
  const header = table.header.map((name) => encodeCell(Buffer.from(name, 'utf8'), table.quoteAll));
  lines.push(joinCells(header), eol);
  for (const row of table.rows) lines.push(joinCells(row.map((cell) => encodeCell(cell, table.quoteAll))), eol);
  return Buffer.concat(lines);
}

function joinCells(cells: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  cells.forEach((cell, i) => {
    if (i > 0) parts.push(Buffer.from(','));
    parts.push(cell);
  });
  return Buffer.concat(parts);
}

/**
 * Is `reply` an allowed echo of the input cell `input`? Byte for byte the same, or, when the input
 * held invalid UTF-8, the input decoded with each invalid sequence replaced by U+FFFD (as the Python
 * SDK's `errors='replace'` decoding does): the only change the command may make.
 */
export function isFaithfulEcho(input: Buffer, reply: Buffer): boolean {
  return reply.equals(input) || reply.equals(Buffer.from(input.toString('utf8'), 'utf8'));
}

/** csv-parse documents `encoding: null` as "return buffers instead of strings"; its type omits null. */
const CELLS_AS_BUFFERS = { encoding: null } as unknown as { encoding: BufferEncoding };

/**
 * Parses a reply body strictly with csv-parse (an oracle independent of the command's codec):
 * well-formed RFC 4180 CSV with equal cell counts. Cells come back as bytes (a reply may carry the
 * input's invalid UTF-8 unchanged); the header is decoded as UTF-8.
 * @returns header and rows; an empty body is `{header: [], rows: []}`
 */
export function parseReplyCells(body: Buffer): { header: string[]; rows: Buffer[][] } {
  if (body.length === 0) return { header: [], rows: [] };
  const records = parse(body, { ...CELLS_AS_BUFFERS, relax_quotes: false, relax_column_count: false, skip_empty_lines: false, bom: false }) as Buffer[][];
  const [header, ...rows] = records;
  return { header: header.map((cell) => cell.toString('utf8')), rows };
}

/** {@link parseReplyCells} with every cell decoded as UTF-8 (for replies whose input was valid UTF-8). */
export function parseReplyBody(body: Buffer): { header: string[]; rows: string[][] } {
  const { header, rows } = parseReplyCells(body);
  return { header, rows: rows.map((row) => row.map((cell) => cell.toString('utf8'))) };
}

/**
 * Byte offsets where the records of a CSV body start (line breaks inside quoted cells, such as
 * multivalue reasons joined by `\n`, do not start a record). Cheap enough for 100 MB bodies, where
 * a full parse in the test process would cost more than the command under test.
 */
export function csvRecordStarts(body: Buffer): number[] {
  const starts: number[] = body.length > 0 ? [0] : [];
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (b === 0x22) quoted = !quoted;
    else if (b === 0x0a && !quoted && i + 1 < body.length) starts.push(i + 1);
  }
  return starts;
}
