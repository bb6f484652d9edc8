import { scanWindowsEventXml } from './windowsEventScan';
import { parseWindowsEventXml, WindowsEvent } from './windowsEventXml';

/**
 * Reads one Windows event XML (XmlWinEventLog `_raw`, or an `<Event>` of a Windows XML export):
 * the canonical one-line shape through the fast scanner, anything else through xml2js, which also
 * decides every malformed case. Both give the same {@link WindowsEvent} for the canonical shape
 * (test/events/windowsEventScan.test.ts checks this on every event in ../shared/data).
 *
 * @param dataNames keep only these `Data` names when the scanner reads it (xml2js keeps all)
 * @throws EventXmlError when the text is not a Windows event XML
 */
export function readWindowsEvent(xml: string, dataNames?: ReadonlySet<string>): WindowsEvent {
  return scanWindowsEventXml(xml, dataNames) ?? parseWindowsEventXml(xml);
}
