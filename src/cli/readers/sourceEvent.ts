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

/** Calls `onText` with the file's text in pieces (UTF-8, stream-decoded), for constant-memory readers. */
export async function* readTextPieces(file: string): AsyncGenerator<string> {
  const { createReadStream } = await import('fs');
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 * 1024 });
  for await (const piece of stream) yield piece as string;
}

/** Counts `\n` in text[from, to). */
export function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
