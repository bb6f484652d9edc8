import { Readable } from 'stream';
import { parse } from 'csv-parse';
import { InputError, ReadOptions, readTextPieces, SourceEvent } from './sourceEvent';

/**
 * Reads a CSV export (Splunk's `outputcsv` / "Export results as CSV": a header row of field names,
 * one event per row; multivalue cells hold values joined by newlines). Streams the decoded text
 * through csv-parse.
 *
 * @throws InputError naming the file and line csv-parse stopped at (unterminated quote, ragged row)
 */
export async function* readCsvEvents(file: string, options: ReadOptions = {}): AsyncGenerator<SourceEvent> {
  const text = Readable.from(readTextPieces(file, options.onBytes, options.encoding));
  const parser = text.pipe(parse({ columns: true, relax_column_count: false, info: true }));
  text.on('error', (error) => parser.destroy(error));
  try {
    for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const fields: Record<string, string> = {};
      for (const [key, value] of Object.entries(record.record)) if (value !== '') fields[key] = value;
      if (fields.EventCode === undefined && fields.EventID !== undefined) fields.EventCode = fields.EventID;
      yield { fields, file, line: record.info.lines };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const e = error as Error & { lines?: number };
    throw new InputError(file, e.lines ?? 0, `CSV: ${e.message}`);
  }
}
