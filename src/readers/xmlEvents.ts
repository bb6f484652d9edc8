import { readWindowsEvent } from '../events/readWindowsEvent';
import { EventXmlError, windowsEventFields } from '../events/windowsEventXml';
import { countNewlines, InputError, ReadOptions, readTextPieces, SourceEvent } from './sourceEvent';

const EVENT_START = /<Event[\s>]/g;
const EVENT_END = '</Event>';

/**
 * Reads Windows events as XML: XmlWinEventLog (one `<Event>` per line, as Splunk indexes it) and
 * Windows XML exports (`<Events><Event>...</Event>...</Events>`, on one line or pretty-printed).
 * Streams the file; memory holds one event at a time. With `options.keepRaw` each event also carries its
 * `<Event>` element text as `raw` (off by default: `score` holds a whole chunk of events in memory).
 *
 * @throws InputError naming the file and line of an event that is not well-formed, or of an
 *   `<Event` with no `</Event>`
 */
export async function* readXmlEvents(file: string, options: ReadOptions = {}): AsyncGenerator<SourceEvent> {
  let buffer = '';
  let bufferLine = 1;
  for await (const piece of readTextPieces(file, options.onBytes)) {
    buffer += piece;
    let consumed = 0;
    for (;;) {
      EVENT_START.lastIndex = consumed;
      const start = EVENT_START.exec(buffer);
      if (!start) {
        const keep = Math.max(consumed, buffer.length - 7);
        bufferLine += countNewlines(buffer, 0, keep);
        buffer = buffer.slice(keep);
        break;
      }
      const end = buffer.indexOf(EVENT_END, start.index);
      if (end === -1) {
        bufferLine += countNewlines(buffer, 0, start.index);
        buffer = buffer.slice(start.index);
        break;
      }
      const line = bufferLine + countNewlines(buffer, 0, start.index);
      const xml = buffer.slice(start.index, end + EVENT_END.length);
      consumed = end + EVENT_END.length;
      const fields = parseOne(xml, file, line);
      yield options.keepRaw ? { fields, file, line, raw: xml } : { fields, file, line };
      bufferLine = line + countNewlines(xml, 0, xml.length);
      buffer = buffer.slice(consumed);
      consumed = 0;
    }
  }
  EVENT_START.lastIndex = 0;
  const unclosed = EVENT_START.exec(buffer);
  if (unclosed) {
    const at = unclosed.index;
    throw new InputError(file, bufferLine + countNewlines(buffer, 0, at), 'an <Event> element is not closed before the end of the file');
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
