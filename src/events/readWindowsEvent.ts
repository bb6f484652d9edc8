import { scanWindowsEventXml } from './windowsEventScan';
import { KeptFields, parseWindowsEventXml, WindowsEvent } from './windowsEventXml';

/**
 * Reads one Windows event XML (XmlWinEventLog `_raw`, or an `<Event>` of a Windows XML export):
 * the canonical one-line shape through the fast scanner, anything else through xml2js, which also
 * decides every malformed case. Both give the same {@link WindowsEvent} for the canonical shape
 * (test/events/windowsEventScan.test.ts checks this on every event in ../shared/data).
 *
 * @param keep keep only these `Data` names and System keys when the scanner reads it (xml2js keeps all)
 * @throws EventXmlError when the text is not a Windows event XML, or (`unsafe` set) when
 *   checkEventXmlSafety refuses it
 */
export function readWindowsEvent(xml: string, keep?: KeptFields): WindowsEvent {
  // No separate safety pass on the fast path: the scanner only accepts what checkEventXmlSafety
  // accepts (it declines any `<!`/`<?`, its shape nests 3 deep, it declines attributes over 1,024
  // characters; test/events/scannerSafety.test.ts), and parseWindowsEventXml runs the check before
  // xml2js. What it bought: raw 200k user CPU 3.29-3.30 -> 2.87-3.03 s (two runs each, /usr/bin/time).
  return scanWindowsEventXml(xml, keep) ?? parseWindowsEventXml(xml);
}
