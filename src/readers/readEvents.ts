import { open, readdir, stat } from 'fs/promises';
import * as path from 'path';
import { readCsvEvents } from './csvEvents';
import { readJsonEvents } from './jsonEvents';
import { InputError, ReadOptions, SourceEvent } from './sourceEvent';
import { readXmlEvents } from './xmlEvents';

/** Input formats `idetunnel score` reads. */
export type InputFormat = 'xml' | 'json' | 'csv';

/**
 * Guesses a file's format from its first non-blank bytes: `<` is XML (XmlWinEventLog or a Windows
 * XML export), `{` or `[` is JSON, anything else is CSV.
 * @throws InputError for an empty file or one that cannot be opened
 */
export async function detectFormat(file: string): Promise<InputFormat> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new InputError(file, 0, `cannot open: ${(error as Error).message}`);
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0).catch((error: Error) => {
      throw new InputError(file, 0, `cannot read: ${error.message}`);
    });
    const head = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (head === '') throw new InputError(file, 1, 'the file is empty');
    if (head.startsWith('<')) return 'xml';
    if (head.startsWith('{') || head.startsWith('[')) return 'json';
    return 'csv';
  } finally {
    await handle.close();
  }
}

/**
 * Reads the events of one file in file order, whatever its format (see {@link detectFormat}).
 * `options.keepRaw` keeps each XML event's original text in `raw`; `options.onBytes` follows the
 * bytes read (progress bar).
 */
export async function* readEvents(file: string, format?: InputFormat, options: ReadOptions = {}): AsyncGenerator<SourceEvent> {
  switch (format ?? (await detectFormat(file))) {
    case 'xml':
      yield* readXmlEvents(file, options);
      break;
    case 'json':
      yield* readJsonEvents(file, options.onBytes);
      break;
    case 'csv':
      yield* readCsvEvents(file, options.onBytes);
      break;
  }
}

/** File names `expandInputs` picks up inside folders. */
const EVENT_FILE = /\.(log|xml|json|jsonl|ndjson|csv|txt)$/i;

/**
 * Expands the command line's paths: files stay as given; folders become the event files below them
 * (by extension: .log .xml .json .jsonl .ndjson .csv .txt), sorted by path.
 * @throws InputError for a path that does not exist
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
    out.push(...(await filesBelow(p)).sort());
  }
  return out;
}

/** Event files below a folder (readdir's `recursive` needs Node 18.17; the CLI supports 18.0). */
async function filesBelow(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...(await filesBelow(full)));
    else if (entry.isFile() && EVENT_FILE.test(entry.name)) out.push(full);
  }
  return out;
}
