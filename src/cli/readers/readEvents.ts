import { open } from 'fs/promises';
import { readCsvEvents } from './csvEvents';
import { readJsonEvents } from './jsonEvents';
import { InputError, SourceEvent } from './sourceEvent';
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
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (head === '') throw new InputError(file, 1, 'the file is empty');
    if (head.startsWith('<')) return 'xml';
    if (head.startsWith('{') || head.startsWith('[')) return 'json';
    return 'csv';
  } finally {
    await handle.close();
  }
}

/** Reads the events of one file in file order, whatever its format (see {@link detectFormat}). */
export async function* readEvents(file: string, format?: InputFormat): AsyncGenerator<SourceEvent> {
  switch (format ?? (await detectFormat(file))) {
    case 'xml':
      yield* readXmlEvents(file);
      break;
    case 'json':
      yield* readJsonEvents(file);
      break;
    case 'csv':
      yield* readCsvEvents(file);
      break;
  }
}
