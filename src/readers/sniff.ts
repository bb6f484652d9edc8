import { open } from 'fs/promises';
import { InputError } from './sourceEvent';

/** Input formats the readers understand. */
export type InputFormat = 'xml' | 'json' | 'csv';

/** Text encodings the readers decode (names as `TextDecoder` takes them). */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** What the first bytes of a file say about it. */
export interface Sniffed {
  format: InputFormat;
  encoding: TextEncoding;
}

/** Bytes read from the start of a file to decide its format (64 KiB): the sniff never reads more. */
export const SNIFF_BYTES = 64 * 1024;

/** What `idetunnel score` reads, for the "not an event file" messages. */
const WHAT_WE_READ = 'event files are XmlWinEventLog lines, Windows XML exports, JSON / JSON Lines or CSV with a header row';

/**
 * The first 8 bytes of a Windows event log file ("ElfFile\0", the file header signature of the
 * EVTX format: libyal/libevtx documentation, "Windows XML Event Log (EVTX) format", section 2.1).
 */
const EVTX_SIGNATURE = Buffer.from('ElfFile\0', 'latin1');

/** How to turn an .evtx file into something the readers take. */
export const EVTX_ADVICE =
  'a binary Windows event log (.evtx) is not read directly; export it as XML first: ' +
  '`wevtutil qe FILE.evtx /lf:true /f:xml /e:Events > events.xml` on Windows ' +
  '(or `Get-WinEvent -Path FILE.evtx | ForEach-Object { $_.ToXml() } > events.xml`), ' +
  'or convert it with evtx_dump (`evtx_dump -o jsonl FILE.evtx > events.jsonl`), then score that file';

/**
 * Reads at most {@link SNIFF_BYTES} from the start of `file` and decides its format and encoding
 * (see {@link sniffBytes}).
 * @throws InputError when the file cannot be opened or read (the OS error), or for what sniffBytes refuses
 */
export async function sniffFile(file: string): Promise<Sniffed> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new InputError(file, 0, `cannot open: ${(error as Error).message}`);
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0).catch((error: Error) => {
      throw new InputError(file, 0, `cannot read: ${error.message}`);
    });
    return sniffBytes(buffer.subarray(0, bytesRead), file);
  } finally {
    await handle.close();
  }
}

/**
 * Decides a file's format from its first bytes (`head`, at most {@link SNIFF_BYTES}):
 * - encoding: a UTF-8 or UTF-16 byte order mark, or, without one, UTF-16 recognised by the NUL
 *   bytes every other byte of ASCII text (what Windows PowerShell 5.1's `>` writes); else UTF-8;
 * - format: `<` with an `<Event` element in the head is XML; `{` or `[` is JSON; a first line of
 *   comma-separated field names is CSV.
 * Error messages never quote the file's bytes; they name line 1 (the file's start, where the sniff looked).
 * @throws InputError for an empty file, an .evtx file (with {@link EVTX_ADVICE}), binary data (NUL or
 *   other control bytes, invalid UTF-8) and text in none of the formats
 */
export function sniffBytes(head: Buffer, file: string): Sniffed {
  if (head.length === 0) throw new InputError(file, 1, 'the file is empty');
  if (head.subarray(0, EVTX_SIGNATURE.length).equals(EVTX_SIGNATURE)) throw new InputError(file, 1, `not an event file: ${EVTX_ADVICE}`);
  const encoding = guessEncoding(head);
  const text = new TextDecoder(encoding).decode(head, { stream: true });
  const control = controlCharacters(text);
  if (control > 0) {
    throw new InputError(file, 1, `not an event file: binary data (${control} control or undecodable characters in the first ${head.length} bytes); ${WHAT_WE_READ}`);
  }
  const start = text.trimStart();
  if (start === '') {
    if (head.length < SNIFF_BYTES) throw new InputError(file, 1, 'the file is empty (white space only)');
    throw new InputError(file, 1, `not an event file: the first ${head.length} bytes are white space`);
  }
  if (start.startsWith('<')) {
    if (/<Event[\s>]/.test(start)) return { format: 'xml', encoding };
    throw new InputError(file, 1, `not an event file: XML without an <Event> element in the first ${head.length} bytes; ${WHAT_WE_READ}`);
  }
  if (start.startsWith('{') || start.startsWith('[')) return { format: 'json', encoding };
  if (isCsvHeader(start)) return { format: 'csv', encoding };
  throw new InputError(file, 1, `not an event file: the text is not XML, JSON or CSV with a header row of field names; ${WHAT_WE_READ}`);
}

function guessEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const pairs = Math.min(256, head.length >> 1);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  // ASCII text in UTF-16 has a NUL in nearly every other byte and almost none in the rest.
  if (pairs >= 2 && oddNul >= pairs * 0.9 && evenNul <= pairs * 0.1) return 'utf-16le';
  if (pairs >= 2 && evenNul >= pairs * 0.9 && oddNul <= pairs * 0.1) return 'utf-16be';
  return 'utf-8';
}

/** Control characters other than tab, line feed, form feed and carriage return, plus U+FFFD (undecodable bytes). */
function controlCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f || c === 0xfffd) n++;
  }
  return n;
}

/** A first line of at least two comma-separated field names (bare or double-quoted), as Splunk's CSV export writes. */
function isCsvHeader(text: string): boolean {
  const end = text.search(/\r?\n/);
  const first = end === -1 ? text : text.slice(0, end);
  const cells = first.split(',');
  return cells.length >= 2 && cells.every((cell) => /^("?)[A-Za-z_@][\w.:@ \-/]*\1$/.test(cell.trim()));
}
