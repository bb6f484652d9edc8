import { parseWindowsEventXml, WindowsEvent } from './windowsEventXml';

/**
 * Reads one Windows event XML (XmlWinEventLog `_raw`). Today: xml2js ({@link parseWindowsEventXml}).
 * @throws EventXmlError when the text is not a Windows event XML
 */
export function readWindowsEvent(xml: string): WindowsEvent {
  return parseWindowsEventXml(xml);
}
