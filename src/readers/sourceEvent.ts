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
}

/** Bad input: says which file, which line and what is wrong with it. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'InputError';
  }
}

/** Called with the number of bytes read from an input file since the last call (for a progress bar). */
export type BytesRead = (bytes: number) => void;

/**
 * Yields the file's text in pieces (UTF-8, stream-decoded, 1 MiB reads), for constant-memory readers.
 * @param onBytes told how many bytes each piece took from the file
 */
export async function* readTextPieces(file: string, onBytes?: BytesRead): AsyncGenerator<string> {
  const { createReadStream } = await import('fs');
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  let reported = 0;
  for await (const piece of stream) {
    if (onBytes) {
      onBytes(stream.bytesRead - reported);
      reported = stream.bytesRead;
    }
    yield piece as string;
  }
}

/** Counts `\n` in text[from, to). */
export function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
