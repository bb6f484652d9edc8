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
 * unusual character references, attributes over 1,024 characters or holding tabs/newlines, control
 * characters, and anything before `<Event` or after `</Event>`. It expands nothing: only
 * `&amp; &lt; &gt; &quot; &apos;` and character references are decoded, in one linear pass.
 *
 * @returns the event, or null when xml2js must decide (including every malformed input)
 */
export function scanWindowsEventXml(xml: string): WindowsEvent | null {
  if (!xml.startsWith('<Event') || !xml.endsWith('</Event>') || UNUSUAL.test(xml)) return null;
  const scanner = new Scanner(xml);
  try {
    return scanner.event();
  } catch (error) {
    if (error === DECLINE) return null;
    throw error;
  }
}

/** Markup the scanner leaves to xml2js, and control characters XML does not allow. */
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const UNUSUAL = /<[!?]|[\x00-\x08\x0B\x0C\x0E-\x1F]/;
const MAX_ATTRIBUTE_CHARS = 1024;
const NAME = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const ATTRIBUTE = /[ \t\r\n]+([A-Za-z_][A-Za-z0-9_.:-]*)=(?:'([^'<]*)'|"([^"<]*)")/y;
const TAG_END = /[ \t\r\n]*(\/?)>/y;
/** System children whose text parseWindowsEventXml keeps. */
const SYSTEM_TEXT = new Set(['EventID', 'Channel', 'Computer', 'Level', 'Task', 'EventRecordID', 'Version']);
/** System children whose attribute parseWindowsEventXml keeps, and under which name. */
const SYSTEM_ATTRIBUTE: Record<string, [string, string]> = {
  TimeCreated: ['SystemTime', 'TimeCreated'],
  Provider: ['Name', 'Provider'],
  Security: ['UserID', 'UserID'],
};
const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const DECLINE = new Error('outside the canonical shape');

interface Tag {
  name: string;
  attributes: Record<string, string>;
  selfClosing: boolean;
}

class Scanner {
  private i = 0;

  constructor(private readonly xml: string) {}

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
    const seen = new Set<string>();
    while (!this.close('System')) {
      const tag = this.openTag();
      const value = tag.selfClosing ? '' : elementText(tag, this.textThenClose(tag.name));
      if (seen.has(tag.name)) continue;
      seen.add(tag.name);
      if (SYSTEM_TEXT.has(tag.name)) system[tag.name] = value;
      const keep = SYSTEM_ATTRIBUTE[tag.name];
      if (keep && tag.attributes[keep[0]]) system[keep[1]] = tag.attributes[keep[0]];
    }
  }

  private dataChildren(data: Record<string, string>): void {
    while (!this.close('EventData')) {
      const tag = this.openTag();
      if (tag.name !== 'Data') throw DECLINE;
      const value = tag.selfClosing ? '' : elementText(tag, this.textThenClose('Data'));
      const name = tag.attributes.Name;
      if (name) data[name] = value;
    }
  }

  /** Consumes `</name>` when it is next. */
  private close(name: string): boolean {
    const closing = `</${name}>`;
    if (!this.xml.startsWith(closing, this.i)) return false;
    this.i += closing.length;
    return true;
  }

  /** Reads `<name attr='v' ...>` or `<name .../>` at the current position. */
  private openTag(): Tag {
    const xml = this.xml;
    if (xml.charCodeAt(this.i) !== 0x3c) throw DECLINE;
    NAME.lastIndex = this.i + 1;
    const name = NAME.exec(xml);
    if (!name) throw DECLINE;
    this.i = NAME.lastIndex;
    const attributes: Record<string, string> = {};
    for (;;) {
      ATTRIBUTE.lastIndex = this.i;
      const attribute = ATTRIBUTE.exec(xml);
      if (!attribute) break;
      const raw = attribute[2] ?? attribute[3];
      if (raw.length > MAX_ATTRIBUTE_CHARS || /[\t\r\n]/.test(raw) || attribute[1] in attributes) throw DECLINE;
      attributes[attribute[1]] = decodeText(raw);
      this.i = ATTRIBUTE.lastIndex;
    }
    TAG_END.lastIndex = this.i;
    const end = TAG_END.exec(xml);
    if (!end) throw DECLINE;
    this.i = TAG_END.lastIndex;
    return { name: name[0], attributes, selfClosing: end[1] === '/' };
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
  return Object.keys(tag.attributes).length > 0 ? '' : text;
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
