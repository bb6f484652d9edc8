import { readWindowsEvent } from '../events/readWindowsEvent';
import { EventXmlError, windowsEventFields } from '../events/windowsEventXml';
import { countNewlines, InputError, ReadOptions, readTextPieces, SourceEvent } from './sourceEvent';

const EVENT_START = /<Event[\s>]/g;
const EVENT_END = '</Event>';
/** Characters kept after the last `<Event` search of a piece: `<Event` split across pieces needs 6. */
const START_TAIL = 6;
/** Longest `<Event>` element read (characters); a longer one is refused rather than buffered without end. */
const MAX_EVENT_CHARS = 64 * 1024 * 1024;

/**
 * Reads Windows events as XML: XmlWinEventLog (one `<Event>` per line, as Splunk indexes it) and
 * Windows XML exports (`<Events><Event>...</Event>...</Events>`, on one line or pretty-printed).
 * Streams the file; memory holds one piece (1 MiB) plus one event, and each piece is searched once
 * (time linear in the file's size). With `options.keepRaw` each event also carries its `<Event>`
 * element text as `raw` (off by default: `score` holds a whole chunk of events in memory).
 *
 * @throws InputError naming the file and line of an event that is not well-formed, or of an
 *   `<Event` with no `</Event>`
 */
export async function* readXmlEvents(file: string, options: ReadOptions = {}): AsyncGenerator<SourceEvent> {
  let buffer = '';
  let bufferLine = 1;
  /** Where to look for `</Event>` of an event carried over from earlier pieces (searched already before it). */
  let endFrom = 0;
  for await (const piece of readTextPieces(file, options.onBytes, options.encoding)) {
    buffer += piece;
    let at = 0;
    let atLine = bufferLine;
    for (;;) {
      EVENT_START.lastIndex = at;
      const start = EVENT_START.exec(buffer);
      if (!start) {
        const keep = Math.max(at, buffer.length - START_TAIL);
        atLine += countNewlines(buffer, at, keep);
        at = keep;
        break;
      }
      const end = buffer.indexOf(EVENT_END, Math.max(start.index, endFrom));
      atLine += countNewlines(buffer, at, start.index);
      at = start.index;
      if (end === -1) {
        if (buffer.length - at > MAX_EVENT_CHARS) throw new InputError(file, atLine, `an <Event> element is longer than ${MAX_EVENT_CHARS} characters`);
        break;
      }
      endFrom = 0;
      const xml = buffer.slice(start.index, end + EVENT_END.length);
      const fields = parseOne(xml, file, atLine);
      yield options.keepRaw ? { fields, file, line: atLine, raw: xml } : { fields, file, line: atLine };
      atLine += countNewlines(xml, 0, xml.length);
      at = end + EVENT_END.length;
    }
    buffer = buffer.slice(at);
    bufferLine = atLine;
    endFrom = Math.max(0, buffer.length - (EVENT_END.length - 1));
  }
  EVENT_START.lastIndex = 0;
  const unclosed = EVENT_START.exec(buffer);
  if (unclosed) {
    throw new InputError(file, bufferLine + countNewlines(buffer, 0, unclosed.index), 'an <Event> element is not closed before the end of the file');
  }
}

function parseOne(xml: string, file: string, line: number): Record<string, string> {
  try {
    return windowsEventFields(readWindowsEvent(xml));
  } catch (error) {
    if (error instanceof EventXmlError) throw new InputError(file, line, `event XML: ${error.message}`);
    throw error;
  }
}
