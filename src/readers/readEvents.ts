import { readdir, stat } from 'fs/promises';
import * as path from 'path';
import { readCsvEvents } from './csvEvents';
import { readJsonEvents } from './jsonEvents';
import { Sniffed, sniffFile } from './sniff';
import { InputError, ReadOptions, SourceEvent } from './sourceEvent';
import { readXmlEvents } from './xmlEvents';

export type { InputFormat, Sniffed, TextEncoding } from './sniff';

/**
 * Reads the events of one file in file order, whatever its format and encoding (`sniffed`, or
 * {@link sniffFile} when not given). `options.keepRaw` keeps each XML event's original text in `raw`;
 * `options.onBytes` follows the bytes read (progress bar).
 * @throws InputError for a file that is not an event file, cannot be read, or holds a bad event
 */
export async function* readEvents(file: string, sniffed?: Sniffed, options: ReadOptions = {}): AsyncGenerator<SourceEvent> {
  const { format, encoding } = sniffed ?? (await sniffFile(file));
  const readOptions = { ...options, encoding };
  switch (format) {
    case 'xml':
      yield* readXmlEvents(file, readOptions);
      break;
    case 'json':
      yield* readJsonEvents(file, readOptions);
      break;
    case 'csv':
      yield* readCsvEvents(file, readOptions);
      break;
  }
}

/** File names `expandInputs` picks up inside folders (.evtx too, so that it is refused with advice rather than skipped). */
const EVENT_FILE = /\.(log|xml|json|jsonl|ndjson|csv|txt|evtx)$/i;
const EVENT_FILE_NAMES = '.log .xml .json .jsonl .ndjson .csv .txt .evtx';

/**
 * Expands the command line's paths: files stay as given; folders become the event files below them
 * (by extension: .log .xml .json .jsonl .ndjson .csv .txt .evtx), sorted by path.
 * @throws InputError for a path that does not exist or cannot be read (with the OS error), and for a
 *   folder with no event file below it
 */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch((error: Error) => {
      throw new InputError(p, 0, `cannot open: ${error.message}`);
    });
    if (!info.isDirectory()) {
      out.push(p);
      continue;
    }
    const found = await filesBelow(p);
    if (found.length === 0) throw new InputError(p, 0, `no event files in this folder (looked for ${EVENT_FILE_NAMES} below it)`);
    out.push(...found.sort());
  }
  return out;
}

/** Event files below a folder (readdir's `recursive` needs Node 18.17; the CLI supports 18.0). */
async function filesBelow(folder: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: Error) => {
    throw new InputError(folder, 0, `cannot read the folder: ${error.message}`);
  });
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) for (const file of await filesBelow(full)) out.push(file);
    else if (entry.isFile() && EVENT_FILE.test(entry.name)) out.push(full);
  }
  return out;
}
