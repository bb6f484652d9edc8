import { createReadStream } from 'fs';
import type { TextEncoding } from './sniff';

/** One event read from an input file, as the flat field record Splunk would have extracted. */
export interface SourceEvent {
  /** Field name -> value (Sysmon EventData names, EventCode, host, _time as epoch seconds, ...). */
  fields: Record<string, string>;
  /** The file it came from and the 1-based line where it starts. */
  file: string;
  line: number;
  /**
   * The event's original text, for readers that have one and only when asked ({@link ReadOptions.keepRaw}):
   * the XML reader sets it to the `<Event>...</Event>` element exactly as it stands in the file (what
   * `idetunnel replay` sends as the event). JSON and CSV readers leave it unset.
   */
  raw?: string;
}

/** Options of the event readers. */
export interface ReadOptions {
  /** Keep each event's original text in {@link SourceEvent.raw} (XML only). Default false. */
  keepRaw?: boolean;
  /** Told how many bytes of the file each read took (for a progress bar). */
  onBytes?: BytesRead;
  /** The file's text encoding, as {@link sniffFile} found it (default UTF-8). */
  encoding?: TextEncoding;
}

/** Bad input: says which file, which line (0: the file as a whole) and what is wrong with it. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${problem}` : `${file}: ${problem}`);
    this.name = 'InputError';
  }
}

/** Called with the number of bytes read from an input file since the last call (for a progress bar). */
export type BytesRead = (bytes: number) => void;

/**
 * Yields the file's text in pieces (1 MiB reads, stream-decoded with `TextDecoder`, byte order mark
 * dropped), for constant-memory readers.
 * @param onBytes told how many bytes each piece took from the file
 * @param encoding as {@link sniffFile} found it (default UTF-8)
 * @throws InputError with the OS error when the file cannot be read
 */
export async function* readTextPieces(file: string, onBytes?: BytesRead, encoding: TextEncoding = 'utf-8'): AsyncGenerator<string> {
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const decoder = new TextDecoder(encoding);
  const chunks = stream[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await chunks.next();
    } catch (error) {
      throw new InputError(file, 0, `cannot read: ${(error as Error).message}`);
    }
    if (next.done) break;
    onBytes?.(next.value.length);
    const text = decoder.decode(next.value, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** Counts `\n` in text[from, to). */
export function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
