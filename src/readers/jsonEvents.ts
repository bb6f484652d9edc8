import { jsonEventFields } from './jsonEventFields';
import { InputError, ReadOptions, readTextPieces, SourceEvent } from './sourceEvent';

export { jsonEventFields } from './jsonEventFields';

/**
 * Reads events as JSON: JSON Lines, a JSON array of events (on one line, as PowerShell's
 * `ConvertTo-Json -Compress` writes it, or pretty-printed), or pretty-printed documents one after
 * another (as SigmaHQ's regression data stores them). Each top-level object is one event, in one of
 * the shapes evtx converters and log shippers write (see {@link jsonEventFields}). Streams the file;
 * time is linear in its size (each character is looked at once), memory holds one document.
 *
 * @throws InputError naming the file and line of a document that is not valid JSON or not an object
 */
export async function* readJsonEvents(file: string, options: ReadOptions = {}): AsyncGenerator<SourceEvent> {
  const scanner = new TopLevelJsonScanner();
  for await (const piece of readTextPieces(file, options.onBytes, options.encoding)) {
    let docs;
    try {
      docs = scanner.push(piece);
    } catch (error) {
      if (error instanceof JsonScanError) throw new InputError(file, error.line, error.message);
      throw error;
    }
    for (const doc of docs) yield { fields: parseDocument(doc.text, file, doc.line), file, line: doc.line };
  }
  if (scanner.inDocument()) throw new InputError(file, scanner.line, 'the file ends inside a JSON document');
}

function parseDocument(text: string, file: string, line: number): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, line, `not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(file, line, 'a JSON event must be an object');
  }
  return jsonEventFields(value as Record<string, unknown>);
}

/** A character for an error message: printable ASCII quoted, anything else as its code point (bytes are never echoed). */
function shown(code: number): string {
  return code >= 0x20 && code < 0x7f ? JSON.stringify(String.fromCharCode(code)) : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Characters allowed between top-level objects: white space and the brackets/commas of an array. */
const BETWEEN_DOCUMENTS = new Set([0x20, 0x09, 0x0a, 0x0d, 0x5b, 0x5d, 0x2c, 0xfeff]);

class JsonScanError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Splits a stream of text into top-level JSON objects (skipping array brackets and commas between
 * them), tracking strings and escapes so braces inside strings do not count. Every character is
 * visited once and line numbers are counted on the way, so a piece costs time linear in its length
 * whatever the number of documents in it; only an unfinished document is carried to the next piece.
 */
class TopLevelJsonScanner {
  /** Text of the unfinished document (from its `{`), carried over from earlier pieces. */
  private carried = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private startLine = 0;
  /** 1-based line of the next character to scan. */
  line = 1;

  push(piece: string): { text: string; line: number }[] {
    const docs: { text: string; line: number }[] = [];
    let start = this.depth > 0 ? 0 : -1;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (c === 0x0a) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        if (c === 0x7b) {
          start = i;
          this.startLine = this.line;
          this.depth = 1;
        } else if (!BETWEEN_DOCUMENTS.has(c)) {
          throw new JsonScanError(`unexpected ${shown(c)} between JSON objects`, this.line);
        }
        continue;
      }
      if (c === 0x22) {
        this.inString = true;
      } else if (c === 0x7b) {
        this.depth++;
      } else if (c === 0x7d && --this.depth === 0) {
        const text = piece.slice(start, i + 1);
        docs.push({ text: this.carried === '' ? text : this.carried + text, line: this.startLine });
        this.carried = '';
        start = -1;
      }
    }
    if (this.depth > 0) this.carried += piece.slice(start);
    return docs;
  }

  /** True when the text so far ends inside a document. */
  inDocument(): boolean {
    return this.depth > 0;
  }
}
