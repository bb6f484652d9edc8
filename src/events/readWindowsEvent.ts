import { scanTruncatedWindowsEventXml, scanWindowsEventXml } from './windowsEventScan';
import { EventXmlError, KeptFields, parseWindowsEventXml, WindowsEvent } from './windowsEventXml';
import { checkEventXmlSafety, EVENT_XML_LIMITS } from './xmlSafety';

/**
 * What may reach the general parser (xml2js) from an event. xml2js holds about 45 bytes per
 * character of its input (a 6 MB `_raw` peaked at 297 MB of RSS, a 124 MB one ran out of memory at
 * 4.3 GB), while a real Windows event is a few KB: Splunk cuts events at 10,000 bytes by default
 * (props.conf `TRUNCATE`), and Windows caps a command line at 32,767 characters. Events in the
 * canonical XmlWinEventLog shape are read by the scanner (linear memory) at any size.
 */
export const GENERAL_PARSER_LIMITS = {
  /** Longest text handed to xml2js, in characters (UTF-16 code units): 256 Ki (at most ~12 MB of parser memory). */
  maxChars: 256 * 1024,
  /**
   * Deepest nesting of something that can be a Windows event (root = 1): real ones nest 4 deep
   * (`Event/UserData/<element>/<value>`, `Event/RenderingInfo/Keywords/Keyword`).
   */
  maxDepth: 16,
} as const;

/**
 * Reads one Windows event XML (XmlWinEventLog `_raw`, or an `<Event>` of a Windows XML export):
 * the canonical one-line shape through the fast scanner; a canonical event cut before its end
 * (Splunk `TRUNCATE`) through the scanner's prefix reader (the result has `truncated` set); what
 * can be a Windows event through xml2js, which also decides every malformed case. Both give the same
 * {@link WindowsEvent} for the canonical shape (test/events/windowsEventScan.test.ts checks this on
 * every event in ../shared/data).
 *
 * Refused before xml2js (EventXmlError): a root element other than `<Event>` (not a Windows
 * event), and with `unsafe` set: over {@link GENERAL_PARSER_LIMITS}.maxChars characters, nesting
 * over its maxDepth, and whatever else checkEventXmlSafety refuses (a DTD, a huge attribute).
 *
 * @param keep keep only these `Data` names and System keys when the scanner reads it (xml2js keeps all)
 * @throws EventXmlError when the text is not a Windows event XML, or (`unsafe` set) when it is
 *   refused before parsing
 */
export function readWindowsEvent(xml: string, keep?: KeptFields): WindowsEvent {
  // No separate safety pass on the fast path: the scanner only accepts what checkEventXmlSafety
  // accepts (it declines any `<!`/`<?`, its shape nests 3 deep, it declines attributes over 1,024
  // characters; test/events/scannerSafety.test.ts), and parseWindowsEventXml runs the check before
  // xml2js. What it bought: raw 200k user CPU 3.29-3.30 -> 2.87-3.03 s (two runs each, /usr/bin/time).
  const scanned = scanWindowsEventXml(xml, keep) ?? scanTruncatedWindowsEventXml(xml, keep);
  if (scanned) return scanned;
  refuseBeforeGeneralParser(xml);
  return parseWindowsEventXml(xml);
}

/** Throws the EventXmlError for text xml2js must not be given (see {@link readWindowsEvent}). */
function refuseBeforeGeneralParser(xml: string): void {
  const { maxChars, maxDepth } = GENERAL_PARSER_LIMITS;
  if (xml.length > maxChars) throw new EventXmlError(`refused: XML over ${maxChars} characters (not in the one-line XmlWinEventLog shape)`, true);
  const refusal = checkEventXmlSafety(xml, { ...EVENT_XML_LIMITS, maxDepth });
  if (refusal) throw new EventXmlError(`refused: ${refusal}`, true);
  if (!startsWithEventRoot(xml)) throw new EventXmlError('root element is not <Event>');
}

/**
 * True when the first element (after white space, an XML declaration, processing instructions and
 * comments) is `<Event` followed by white space, `>` or `/`. Linear: each step moves past a `>`.
 */
function startsWithEventRoot(xml: string): boolean {
  let i = 0;
  for (;;) {
    while (i < xml.length && (xml.charCodeAt(i) <= 0x20 || xml.charCodeAt(i) === 0xfeff)) i++;
    if (xml.startsWith('<?', i)) i = xml.indexOf('?>', i + 2) + 2;
    else if (xml.startsWith('<!--', i)) i = xml.indexOf('-->', i + 4) + 3;
    else break;
    if (i < 2) return false; // unterminated
  }
  if (!xml.startsWith('<Event', i)) return false;
  const next = xml.charCodeAt(i + 6);
  return next === 0x3e || next === 0x2f || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
}
