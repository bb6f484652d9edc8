import { scanWindowsEventXml } from './windowsEventScan';
import { EventXmlError, parseWindowsEventXml, WindowsEvent } from './windowsEventXml';
import { checkEventXmlSafety } from './xmlSafety';

/**
 * Reads one Windows event XML (XmlWinEventLog `_raw`, or an `<Event>` of a Windows XML export):
 * the canonical one-line shape through the fast scanner, anything else through xml2js, which also
 * decides every malformed case. Both give the same {@link WindowsEvent} for the canonical shape
 * (test/events/windowsEventScan.test.ts checks this on every event in ../shared/data).
 *
 * @param dataNames keep only these `Data` names when the scanner reads it (xml2js keeps all)
 * @throws EventXmlError when the text is not a Windows event XML, or (`unsafe` set) when
 *   checkEventXmlSafety refuses it
 */
export function readWindowsEvent(xml: string, dataNames?: ReadonlySet<string>): WindowsEvent {
  // The safety limits (no DTD, nesting depth, attribute size) hold for the scanner path too.
  const refusal = checkEventXmlSafety(xml);
  if (refusal) throw new EventXmlError(`refused: ${refusal}`, true);
  return scanWindowsEventXml(xml, dataNames) ?? parseWindowsEventXml(xml);
}
