/**
 * Limits of {@link checkEventXmlSafety}. A real Windows event (XmlWinEventLog `_raw`, or the
 * task XML of a 4698 `TaskContent`) nests about 6 elements deep and has attribute values of a few
 * hundred characters (GUIDs, SIDs, SystemTime), so these are far above anything legitimate.
 */
export const EVENT_XML_LIMITS: XmlSafetyLimits = {
  maxDepth: 64,
  maxAttributeChars: 64 * 1024,
};

/** What {@link checkEventXmlSafety} accepts. */
export interface XmlSafetyLimits {
  /** Deepest element nesting accepted (the root element is depth 1). */
  readonly maxDepth: number;
  /** Longest attribute value accepted, in UTF-16 code units (characters of the decoded text). */
  readonly maxAttributeChars: number;
}

/**
 * Cheap pre-scan of XML taken from event data, run before any XML parser (xml2js, or a faster
 * scanner) sees it. One linear pass, no regular expressions, no allocation per character.
 *
 * Refuses:
 * - any `<!DOCTYPE` or other markup declaration (`<!ENTITY`, `<!ELEMENT`, ...): Windows events never
 *   carry one, and a DTD is how entity-expansion bombs ("billion laughs") and external entities
 *   (`<!ENTITY e SYSTEM "file:///etc/passwd">`) get in. Comments and CDATA sections are skipped, so
 *   the text `<!DOCTYPE` inside them is not refused;
 * - element nesting deeper than {@link EVENT_XML_LIMITS}.maxDepth;
 * - an attribute value longer than {@link EVENT_XML_LIMITS}.maxAttributeChars.
 *
 * It does not check well-formedness: text it lets through may still be rejected by the parser.
 * Source of the threats: OWASP XML External Entity Prevention Cheat Sheet (DTDs, entity expansion).
 *
 * @param xml the XML text as decoded from the event (a string, so sizes are in characters)
 * @param limits nesting and attribute limits (default {@link EVENT_XML_LIMITS}; readWindowsEvent
 *   passes a tighter nesting limit for what may be a Windows event)
 * @returns null when the text may be parsed, otherwise a short reason for a WARN message (never
 *   quoting the text itself)
 */
export function checkEventXmlSafety(xml: string, limits: XmlSafetyLimits = EVENT_XML_LIMITS): string | null {
  const { maxDepth, maxAttributeChars } = limits;
  const length = xml.length;
  let depth = 0;
  let i = xml.indexOf('<');
  while (i !== -1 && i < length) {
    const next = xml.charCodeAt(i + 1);
    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', i)) {
        i = skipPast(xml, '-->', i + 4);
      } else if (xml.startsWith('<![CDATA[', i)) {
        i = skipPast(xml, ']]>', i + 9);
      } else {
        const word = /^<!([A-Za-z]*)/.exec(xml.slice(i, i + 12))?.[1] ?? '';
        return `XML markup declaration <!${word.toUpperCase()}> (DTDs and entity definitions are refused)`;
      }
    } else if (next === 0x3f /* ? */) {
      i = skipPast(xml, '?>', i + 2);
    } else if (next === 0x2f /* / */) {
      depth--;
      i = xml.indexOf('>', i + 2);
    } else {
      // A start tag: walk its attributes (quoted values may hold '>' and '/').
      let j = i + 1;
      let selfClosing = false;
      while (j < length) {
        const c = xml.charCodeAt(j);
        if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
          const close = xml.indexOf(c === 0x22 ? '"' : "'", j + 1);
          const end = close === -1 ? length : close;
          if (end - j - 1 > maxAttributeChars) {
            return `XML attribute value over ${maxAttributeChars} characters`;
          }
          j = end + 1;
          continue;
        }
        if (c === 0x3e /* > */) {
          selfClosing = xml.charCodeAt(j - 1) === 0x2f;
          break;
        }
        j++;
      }
      if (!selfClosing) {
        depth++;
        if (depth > maxDepth) return `XML elements nested more than ${maxDepth} deep`;
      }
      i = j;
    }
    if (i === -1 || i >= length) break;
    i = xml.indexOf('<', i + 1);
  }
  return null;
}

/** Index of the last character of the first `terminator` at or after `from`, or -1. */
function skipPast(xml: string, terminator: string, from: number): number {
  const at = xml.indexOf(terminator, from);
  return at === -1 ? -1 : at + terminator.length - 1;
}
