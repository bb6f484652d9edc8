import type { WindowsEvent } from './windowsEventXml';

/**
 * A scanner for the canonical XmlWinEventLog shape — the one-line
 * `<Event xmlns='...'><System>...</System><EventData><Data Name='X'>v</Data>...</EventData></Event>`
 * that Splunk indexes with renderXml=true (see ../shared/data/evtx-attack-samples/README.md) — giving
 * exactly what {@link parseWindowsEventXml} (xml2js) gives for it, about 15x faster (measured on the
 * benchmark's `raw` shape; see BENCHMARKS.md).
 *
 * It declines (returns null, and the caller uses xml2js) on anything outside that shape: a prolog,
 * DOCTYPE, comment, CDATA or processing instruction (`<!`, `<?`), other elements than System and
 * EventData under Event, nested elements in a System child or in Data, text between elements,
 * entities other than the five XML ones, malformed or
 * unusual character references, attributes over 1,024 characters or holding tabs/newlines, spaces
 * other than one before each attribute, and anything before `<Event` or after `</Event>`. It expands nothing: only
 * `&amp; &lt; &gt; &quot; &apos;` and character references are decoded, in one linear pass.
 *
 * @param dataNames when given, only these `Data` names are kept (the others are still checked, so
 *   the scanner declines exactly where it would without the filter); the command passes the field
 *   names the detection reads (raw 200k: ~25% less time, no value strings made for the other ~15 Data)
 * @returns the event, or null when xml2js must decide (including every malformed input)
 */
export function scanWindowsEventXml(xml: string, dataNames?: ReadonlySet<string>): WindowsEvent | null {
  if (!xml.startsWith('<Event') || !xml.endsWith('</Event>')) return null;
  const scanner = new Scanner(xml, dataNames);
  try {
    return scanner.event();
  } catch (error) {
    if (error === DECLINE) return null;
    throw error;
  }
}

const MAX_ATTRIBUTE_CHARS = 1024;
/** Attribute values the scanner leaves to xml2js: holding `<` (not well-formed) or tabs/newlines (normalisation rules). */
const ATTRIBUTE_UNUSUAL = /[<\t\r\n]/;
/** System children whose text parseWindowsEventXml keeps. */
const SYSTEM_TEXT = new Set(['EventID', 'Channel', 'Computer', 'Level', 'Task', 'EventRecordID', 'Version']);
/** System children whose attribute parseWindowsEventXml keeps, and under which name. */
const SYSTEM_ATTRIBUTE: Record<string, [string, string]> = {
  TimeCreated: ['SystemTime', 'TimeCreated'],
  Provider: ['Name', 'Provider'],
  Security: ['UserID', 'UserID'],
};
const HAS_ATTRIBUTES: Tag = { name: 'Data', attributes: {}, selfClosing: false };
const NO_ATTRIBUTES: Tag = { name: '', attributes: null, selfClosing: false };
const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const DECLINE = new Error('outside the canonical shape');

interface Tag {
  name: string;
  /** null when the element has no attributes. */
  attributes: Record<string, string> | null;
  selfClosing: boolean;
}

/** ASCII XML name characters (anything else makes the scanner decline). */
function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x3a || c === 0x2d;
}

class Scanner {
  private i = 0;

  constructor(
    private readonly xml: string,
    private readonly dataNames: ReadonlySet<string> | undefined,
  ) {}

  event(): WindowsEvent {
    const root = this.openTag();
    if (root.name !== 'Event' || root.selfClosing) throw DECLINE;
    const system: Record<string, string> = {};
    const data: Record<string, string> = {};
    let sawSystem = false;
    let sawEventData = false;
    for (;;) {
      if (this.xml.startsWith('</Event>', this.i)) {
        if (this.i + 8 !== this.xml.length) throw DECLINE;
        return { system, data };
      }
      const tag = this.openTag();
      if (tag.name === 'System' && !sawSystem) {
        sawSystem = true;
        if (!tag.selfClosing) this.systemChildren(system);
      } else if (tag.name === 'EventData' && !sawEventData) {
        sawEventData = true;
        if (!tag.selfClosing) this.dataChildren(data);
      } else {
        throw DECLINE;
      }
    }
  }

  private systemChildren(system: Record<string, string>): void {
    // Which kept children were met (the first one counts, as xml2js' first()); a text child is met
    // exactly when its key is in `system`, an attribute child is tracked here.
    const seen: Record<string, boolean> = {};
    while (!this.close('System')) {
      // Fast path for `<Name>text</Name>` (EventID, Level, Channel, ...): no tag object, and the
      // text of children parseWindowsEventXml does not keep is only checked.
      const plain = this.plainOpenTag();
      if (plain !== null) {
        if (!SYSTEM_TEXT.has(plain) || plain in system || seen[plain]) {
          this.skipTextThenClose(plain);
          continue;
        }
        seen[plain] = true;
        system[plain] = elementText(NO_ATTRIBUTES, this.textThenClose(plain));
        continue;
      }
      const tag = this.openTag();
      const value = tag.selfClosing ? '' : elementText(tag, this.textThenClose(tag.name));
      if (seen[tag.name]) continue;
      seen[tag.name] = true;
      if (SYSTEM_TEXT.has(tag.name)) system[tag.name] = value;
      const keep = SYSTEM_ATTRIBUTE[tag.name];
      const attribute = keep && tag.attributes?.[keep[0]];
      if (attribute) system[keep[1]] = attribute;
    }
  }

  /** Consumes `<Name>` (an ASCII name, no attributes, not self-closing) and returns the name; null, consuming nothing, otherwise. */
  private plainOpenTag(): string | null {
    const xml = this.xml;
    if (xml.charCodeAt(this.i) !== 0x3c || !isNameStart(xml.charCodeAt(this.i + 1))) return null;
    let i = this.i + 2;
    while (isNameChar(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 0x3e) return null;
    const name = xml.slice(this.i + 1, i);
    this.i = i + 1;
    return name;
  }

  private dataChildren(data: Record<string, string>): void {
    while (!this.close('EventData')) {
      if (this.quickData(data)) continue;
      const tag = this.openTag();
      if (tag.name !== 'Data') throw DECLINE;
      const value = tag.selfClosing ? '' : elementText(tag, this.textThenClose('Data'));
      const name = tag.attributes?.Name;
      if (name) data[name] = value;
    }
  }

  /**
   * The common element, `<Data Name='X'>text</Data>`, read without the general tag parser
   * (raw 50k: 1.27 s -> see BENCHMARKS.md). False, consuming nothing, when the element is not
   * exactly of that form; the general path then decides.
   */
  private quickData(data: Record<string, string>): boolean {
    const xml = this.xml;
    if (!xml.startsWith("<Data Name='", this.i)) return false;
    const nameStart = this.i + 12;
    const nameEnd = xml.indexOf("'", nameStart);
    if (nameEnd === -1 || nameEnd - nameStart > MAX_ATTRIBUTE_CHARS || xml.charCodeAt(nameEnd + 1) !== 0x3e) return false;
    const rawName = xml.slice(nameStart, nameEnd);
    if (ATTRIBUTE_UNUSUAL.test(rawName)) return false;
    this.i = nameEnd + 2;
    const name = decodeText(rawName);
    if (this.dataNames && !this.dataNames.has(name)) {
      this.skipTextThenClose('Data');
      return true;
    }
    const value = elementText(HAS_ATTRIBUTES, this.textThenClose('Data'));
    if (name) data[name] = value;
    return true;
  }

  /** As {@link textThenClose}, checking the text (its entities) without keeping it. */
  private skipTextThenClose(name: string): void {
    const lt = this.xml.indexOf('<', this.i);
    if (lt === -1) throw DECLINE;
    const raw = this.xml.slice(this.i, lt);
    if (raw.includes('&')) decodeText(raw);
    this.i = lt;
    if (!this.close(name)) throw DECLINE;
  }

  /** Consumes `</name>` when it is next. */
  private close(name: string): boolean {
    const closing = `</${name}>`;
    if (!this.xml.startsWith(closing, this.i)) return false;
    this.i += closing.length;
    return true;
  }

  /**
   * Reads `<name attr='v' ...>` or `<name .../>` at the current position. Hand-written rather than
   * sticky regular expressions and a tag object per element: on the `raw` benchmark this function
   * was 23% of the command's time before (2M tags per 50,000 events).
   */
  private openTag(): Tag {
    const xml = this.xml;
    let i = this.i;
    if (xml.charCodeAt(i) !== 0x3c) throw DECLINE;
    const nameStart = ++i;
    if (!isNameStart(xml.charCodeAt(i))) throw DECLINE;
    while (isNameChar(xml.charCodeAt(i))) i++;
    const name = xml.slice(nameStart, i);
    let attributes: Record<string, string> | null = null;
    for (;;) {
      const c = xml.charCodeAt(i);
      if (c === 0x3e) {
        this.i = i + 1;
        return { name, attributes, selfClosing: false };
      }
      if (c === 0x2f) {
        if (xml.charCodeAt(i + 1) !== 0x3e) throw DECLINE;
        this.i = i + 2;
        return { name, attributes, selfClosing: true };
      }
      if (c !== 0x20) throw DECLINE;
      i++;
      const attributeStart = i;
      if (!isNameStart(xml.charCodeAt(i))) throw DECLINE;
      while (isNameChar(xml.charCodeAt(i))) i++;
      const attribute = xml.slice(attributeStart, i);
      if (xml.charCodeAt(i) !== 0x3d) throw DECLINE;
      const quote = xml.charCodeAt(i + 1);
      if (quote !== 0x27 && quote !== 0x22) throw DECLINE;
      const valueEnd = xml.indexOf(quote === 0x27 ? "'" : '"', i + 2);
      if (valueEnd === -1 || valueEnd - (i + 2) > MAX_ATTRIBUTE_CHARS) throw DECLINE;
      const raw = xml.slice(i + 2, valueEnd);
      if (ATTRIBUTE_UNUSUAL.test(raw)) throw DECLINE;
      attributes ??= {};
      if (attribute in attributes) throw DECLINE;
      attributes[attribute] = decodeText(raw);
      i = valueEnd + 1;
    }
  }

  /** Reads text up to `</name>` (no element inside) and consumes the closing tag. */
  private textThenClose(name: string): string {
    const lt = this.xml.indexOf('<', this.i);
    if (lt === -1) throw DECLINE;
    const raw = this.xml.slice(this.i, lt);
    this.i = lt;
    if (!this.close(name)) throw DECLINE;
    if (raw === '') return '';
    return decodeText(raw);
  }
}

/**
 * What xml2js makes of an element's text (its closetag handler): whitespace-only text is dropped,
 * so an element with attributes reads as '', one without keeps the whitespace string itself.
 */
function elementText(tag: Tag, text: string): string {
  if (!/^\s*$/.test(text)) return text;
  return tag.attributes ? '' : text;
}

/** True for code points XML 1.0 allows (the `Char` production), as sax checks them. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Decodes the five XML entities and `&#N;` / `&#xH;`; declines on anything else (never expands other entities). */
function decodeText(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = raw.indexOf(';', amp);
    if (semi === -1 || semi - amp > 10) throw DECLINE;
    const name = raw.slice(amp + 1, semi);
    let replacement = ENTITY[name];
    if (replacement === undefined) {
      const reference = /^#(?:([0-9]{1,7})|x([0-9a-fA-F]{1,6}))$/.exec(name);
      if (!reference) throw DECLINE;
      const code = reference[1] !== undefined ? parseInt(reference[1], 10) : parseInt(reference[2], 16);
      if (!isXmlChar(code)) throw DECLINE;
      replacement = String.fromCodePoint(code);
    }
    out += raw.slice(from, amp) + replacement;
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}
