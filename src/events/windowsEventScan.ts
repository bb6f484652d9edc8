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
  const scanner = new Scanner(xml, dataNames === undefined ? undefined : dataNameTable(dataNames));
  try {
    return scanner.event();
  } catch (error) {
    if (error === DECLINE) return null;
    throw error;
  }
}

const MAX_ATTRIBUTE_CHARS = 1024;
const DECLINE = new Error('outside the canonical shape');
const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The root element as Windows renders it: read with one comparison (it passes every check of the general path). */
const CANONICAL_ROOT = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>";

/**
 * Names read from the XML, returned as one shared string when known instead of a new slice each
 * time, so that reading an element or attribute name allocates nothing and comparing it is a
 * pointer check. What it bought, with the seen-bits and the one entity pass below: see
 * BENCHMARKS.md step 13 (the names were the scanner's main allocation: ~25 slices an event).
 */
class NameTable {
  /** Known names by length and first character (see {@link key}). */
  private readonly byKey = new Map<number, string[]>();

  constructor(names: Iterable<string>) {
    for (const name of names) {
      if (name === '') continue;
      const key = NameTable.key(name, 0, name.length);
      const bucket = this.byKey.get(key);
      if (bucket === undefined) this.byKey.set(key, [name]);
      else if (!bucket.includes(name)) bucket.push(name);
    }
  }

  private static key(text: string, start: number, end: number): number {
    return (end - start) * 0x10000 + text.charCodeAt(start);
  }

  /** The known name equal to `text.slice(start, end)`, or undefined; start < end. */
  find(text: string, start: number, end: number): string | undefined {
    const bucket = this.byKey.get(NameTable.key(text, start, end));
    if (bucket === undefined) return undefined;
    for (const name of bucket) if (text.startsWith(name, start)) return name;
    return undefined;
  }

  /** `text.slice(start, end)`, as the shared known string when there is one. */
  read(text: string, start: number, end: number): string {
    return this.find(text, start, end) ?? text.slice(start, end);
  }
}

/** System children whose text parseWindowsEventXml keeps. */
const SYSTEM_TEXT = ['EventID', 'Channel', 'Computer', 'Level', 'Task', 'EventRecordID', 'Version'];
/** What parseWindowsEventXml keeps of a System child; `bit` marks it met (xml2js' first() takes the first). */
interface SystemKept {
  /** Index in Scanner.systemValues, and bit in its seen mask. */
  slot: number;
  /** Its text is kept, under its own name. */
  text: boolean;
  /** This attribute of it is kept (when non-empty). */
  attribute?: string;
}
const SYSTEM_KEPT = new Map<string, SystemKept>([
  ...SYSTEM_TEXT.map((name, slot): [string, SystemKept] => [name, { slot, text: true }]),
  ['TimeCreated', { slot: 7, text: false, attribute: 'SystemTime' }],
  ['Provider', { slot: 8, text: false, attribute: 'Name' }],
  ['Security', { slot: 9, text: false, attribute: 'UserID' }],
]);
const ELEMENT_NAMES = new NameTable([
  'Event', 'System', 'EventData', 'Data', ...SYSTEM_KEPT.keys(), 'Opcode', 'Keywords', 'Correlation', 'Execution',
]);
const ATTRIBUTE_NAMES = new NameTable(['xmlns', 'Name', 'Guid', 'SystemTime', 'ProcessID', 'ThreadID', 'UserID', 'EventSourceName', 'Qualifiers', 'ActivityID']);

/** One table per `dataNames` set (the command passes the same set for every row). */
const dataNameTables = new WeakMap<ReadonlySet<string>, NameTable>();

function dataNameTable(dataNames: ReadonlySet<string>): FilteredNames {
  let table = dataNameTables.get(dataNames);
  if (table === undefined) {
    table = new NameTable(dataNames);
    dataNameTables.set(dataNames, table);
  }
  return { names: dataNames, table };
}

interface FilteredNames {
  names: ReadonlySet<string>;
  table: NameTable;
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
  /** Set by {@link attributes}: the tag ended with `/>`. */
  private selfClosing = false;
  /** Set by {@link attributes}: the tag had at least one attribute. */
  private hasAttributes = false;
  /** Set by {@link attributes}: the decoded value of the attribute it was asked for, if present. */
  private wantedValue: string | undefined = undefined;
  /** Attribute names of the current tag (duplicates are declined). */
  private readonly attributeNames: string[] = [];
  /** System values by SystemKept.slot, for the event being read. */
  private readonly systemValues: (string | undefined)[] = new Array<string | undefined>(10).fill(undefined);

  constructor(
    private readonly xml: string,
    private readonly dataNames: FilteredNames | undefined,
  ) {}

  event(): WindowsEvent {
    const xml = this.xml;
    // Every `&` of an event the scanner accepts is in a text or an attribute value, and each must be
    // one of the five entities or a character reference: checked once here, in one pass, so that the
    // text of skipped elements needs no look at all.
    checkEntities(xml);
    if (xml.startsWith(CANONICAL_ROOT)) {
      this.i = CANONICAL_ROOT.length;
    } else {
      if (this.tagName() !== 'Event') throw DECLINE;
      this.attributes(undefined);
      if (this.selfClosing) throw DECLINE;
    }
    const system: Record<string, string> = {};
    const data: Record<string, string> = {};
    let sawSystem = false;
    let sawEventData = false;
    for (;;) {
      if (xml.startsWith('</Event>', this.i)) {
        if (this.i + 8 !== xml.length) throw DECLINE;
        return { system, data };
      }
      const name = this.tagName();
      this.attributes(undefined);
      if (name === 'System' && !sawSystem) {
        sawSystem = true;
        if (!this.selfClosing) this.systemChildren(system);
      } else if (name === 'EventData' && !sawEventData) {
        sawEventData = true;
        if (!this.selfClosing) this.dataChildren(data);
      } else {
        throw DECLINE;
      }
    }
  }

  /**
   * The children of System up to `</System>`: the text or attribute parseWindowsEventXml keeps of
   * the first of each kept child; the rest are checked, not kept.
   */
  private systemChildren(system: Record<string, string>): void {
    const xml = this.xml;
    const values = this.systemValues;
    values.fill(undefined);
    let seen = 0;
    while (!this.closeTag('System')) {
      const name = this.tagName();
      const kept = SYSTEM_KEPT.get(name);
      const first = kept !== undefined && (seen & (1 << kept.slot)) === 0;
      if (first) seen |= 1 << kept.slot;
      if (xml.charCodeAt(this.i) === 0x3e) {
        // `<Name>text</Name>` (EventID, Level, Channel, ...): no attributes, so the text is kept as is.
        this.i++;
        if (first && kept.text) values[kept.slot] = this.textThenClose(name);
        else this.skipTextThenClose(name);
        continue;
      }
      this.attributes(first ? kept.attribute : undefined);
      if (first && kept.text) values[kept.slot] = this.selfClosing ? '' : elementText(this.hasAttributes, this.textThenClose(name));
      else if (!this.selfClosing) this.skipTextThenClose(name);
      if (first && kept.attribute !== undefined && this.wantedValue) values[kept.slot] = this.wantedValue;
    }
    // Stored in one fixed order, as named properties: the same object shape for every event.
    if (values[0] !== undefined) system.EventID = values[0];
    if (values[1] !== undefined) system.Channel = values[1];
    if (values[2] !== undefined) system.Computer = values[2];
    if (values[3] !== undefined) system.Level = values[3];
    if (values[4] !== undefined) system.Task = values[4];
    if (values[5] !== undefined) system.EventRecordID = values[5];
    if (values[6] !== undefined) system.Version = values[6];
    if (values[7] !== undefined) system.TimeCreated = values[7];
    if (values[8] !== undefined) system.Provider = values[8];
    if (values[9] !== undefined) system.UserID = values[9];
  }

  private dataChildren(data: Record<string, string>): void {
    while (!this.closeTag('EventData')) {
      if (this.quickData(data)) continue;
      if (this.tagName() !== 'Data') throw DECLINE;
      this.attributes('Name');
      const name = this.wantedValue;
      if (this.selfClosing) {
        if (name && this.keepsData(name)) data[name] = '';
      } else if (name && this.keepsData(name)) {
        data[name] = elementText(this.hasAttributes, this.textThenClose('Data'));
      } else {
        this.skipTextThenClose('Data');
      }
    }
  }

  private keepsData(name: string): boolean {
    return this.dataNames === undefined || this.dataNames.names.has(name);
  }

  /**
   * The common element, `<Data Name='X'>text</Data>`, read without the general tag parser
   * (raw 50k: 1.27 s -> see BENCHMARKS.md); with a name filter, the name is matched against the
   * wanted names in place (no string made for the others). False, consuming nothing, when the
   * element is not exactly of that form; the general path then decides.
   */
  private quickData(data: Record<string, string>): boolean {
    const xml = this.xml;
    if (!xml.startsWith("<Data Name='", this.i)) return false;
    const nameStart = this.i + 12;
    let nameEnd = nameStart;
    let hasEntity = false;
    for (;;) {
      if (nameEnd - nameStart > MAX_ATTRIBUTE_CHARS) return false;
      const c = xml.charCodeAt(nameEnd);
      if (c === 0x27) break;
      if (isUnusualInAttribute(c)) return false;
      if (c === 0x26) hasEntity = true;
      nameEnd++;
    }
    if (xml.charCodeAt(nameEnd + 1) !== 0x3e) return false;
    this.i = nameEnd + 2;
    let name: string | undefined;
    if (hasEntity) {
      name = decodeText(xml.slice(nameStart, nameEnd));
      if (!this.keepsData(name)) name = undefined;
    } else if (nameStart === nameEnd) {
      name = undefined;
    } else if (this.dataNames !== undefined) {
      name = this.dataNames.table.find(xml, nameStart, nameEnd);
    } else {
      name = xml.slice(nameStart, nameEnd);
    }
    if (!name) {
      this.skipTextThenClose('Data');
      return true;
    }
    data[name] = elementText(true, this.textThenClose('Data'));
    return true;
  }

  /** As {@link textThenClose}, without keeping the text (its entities were checked by checkEntities). */
  private skipTextThenClose(name: string): void {
    const lt = this.xml.indexOf('<', this.i);
    if (lt === -1) throw DECLINE;
    this.i = lt;
    if (!this.closeTag(name)) throw DECLINE;
  }

  /** Consumes `</name>` when it is next (compared in place: no string made). */
  private closeTag(name: string): boolean {
    const xml = this.xml;
    const i = this.i;
    if (xml.charCodeAt(i) !== 0x3c || xml.charCodeAt(i + 1) !== 0x2f || !xml.startsWith(name, i + 2) || xml.charCodeAt(i + 2 + name.length) !== 0x3e) return false;
    this.i = i + 3 + name.length;
    return true;
  }

  /** Consumes `<name` (an ASCII XML name) and returns the name. */
  private tagName(): string {
    const xml = this.xml;
    let i = this.i;
    if (xml.charCodeAt(i) !== 0x3c) throw DECLINE;
    const start = ++i;
    if (!isNameStart(xml.charCodeAt(i))) throw DECLINE;
    while (isNameChar(xml.charCodeAt(i))) i++;
    this.i = i;
    return ELEMENT_NAMES.read(xml, start, i);
  }

  /**
   * Reads the rest of a start tag after its name: ` attr='v'` pairs (one space before each, either
   * quote), then `>` or `/>`; sets {@link selfClosing}, {@link hasAttributes} and, for the attribute
   * `wanted`, {@link wantedValue}. Hand-written rather than sticky regular expressions and a tag
   * object per element: on the `raw` benchmark the tag reader was 23% of the command's time before
   * (2M tags per 50,000 events).
   */
  private attributes(wanted: string | undefined): void {
    const xml = this.xml;
    const names = this.attributeNames;
    names.length = 0;
    this.hasAttributes = false;
    this.wantedValue = undefined;
    let i = this.i;
    for (;;) {
      const c = xml.charCodeAt(i);
      if (c === 0x3e) {
        this.i = i + 1;
        this.selfClosing = false;
        return;
      }
      if (c === 0x2f) {
        if (xml.charCodeAt(i + 1) !== 0x3e) throw DECLINE;
        this.i = i + 2;
        this.selfClosing = true;
        return;
      }
      if (c !== 0x20) throw DECLINE;
      i++;
      const attributeStart = i;
      if (!isNameStart(xml.charCodeAt(i))) throw DECLINE;
      while (isNameChar(xml.charCodeAt(i))) i++;
      const attribute = ATTRIBUTE_NAMES.read(xml, attributeStart, i);
      if (xml.charCodeAt(i) !== 0x3d) throw DECLINE;
      const quote = xml.charCodeAt(i + 1);
      if (quote !== 0x27 && quote !== 0x22) throw DECLINE;
      const valueStart = i + 2;
      let valueEnd = valueStart;
      for (;;) {
        if (valueEnd - valueStart > MAX_ATTRIBUTE_CHARS) throw DECLINE;
        const v = xml.charCodeAt(valueEnd);
        if (v === quote) break;
        if (isUnusualInAttribute(v)) throw DECLINE;
        valueEnd++;
      }
      if (names.includes(attribute)) throw DECLINE;
      names.push(attribute);
      this.hasAttributes = true;
      if (attribute === wanted) this.wantedValue = decodeText(xml.slice(valueStart, valueEnd));
      i = valueEnd + 1;
    }
  }

  /** Reads text up to `</name>` (no element inside) and consumes the closing tag. */
  private textThenClose(name: string): string {
    const lt = this.xml.indexOf('<', this.i);
    if (lt === -1) throw DECLINE;
    const raw = this.xml.slice(this.i, lt);
    this.i = lt;
    if (!this.closeTag(name)) throw DECLINE;
    if (raw === '') return '';
    return decodeText(raw);
  }
}

/**
 * Attribute value characters the scanner leaves to xml2js: `<` (not well-formed), tabs/newlines
 * (attribute value normalisation), and NaN (read past the end of the text).
 */
function isUnusualInAttribute(c: number): boolean {
  return c === 0x3c || c === 0x09 || c === 0x0a || c === 0x0d || c !== c;
}

/**
 * What xml2js makes of an element's text (its closetag handler): whitespace-only text is dropped,
 * so an element with attributes reads as '', one without keeps the whitespace string itself.
 */
function elementText(hasAttributes: boolean, text: string): string {
  // Text starting with a printable ASCII character is not whitespace-only: no regular expression.
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return text;
  if (!/^\s*$/.test(text)) return text;
  return hasAttributes ? '' : text;
}

/** True for code points XML 1.0 allows (the `Char` production), as sax checks them. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/**
 * The text the entity or character reference starting at `text[amp]` (`&`) stands for, and where
 * it ends (the index of its `;`, in {@link entityEnd}); declines on anything but the five XML
 * entities and `&#N;` / `&#xH;` of an XML character (never expands other entities).
 */
function entityAt(text: string, amp: number): string {
  const semi = text.indexOf(';', amp);
  if (semi === -1 || semi - amp > 10) throw DECLINE;
  entityEnd = semi;
  const name = text.slice(amp + 1, semi);
  const replacement = ENTITY[name];
  if (replacement !== undefined) return replacement;
  const reference = /^#(?:([0-9]{1,7})|x([0-9a-fA-F]{1,6}))$/.exec(name);
  if (!reference) throw DECLINE;
  const code = reference[1] !== undefined ? parseInt(reference[1], 10) : parseInt(reference[2], 16);
  if (!isXmlChar(code)) throw DECLINE;
  return String.fromCodePoint(code);
}
/** The `;` of the entity {@link entityAt} read last. */
let entityEnd = 0;

/**
 * Declines unless every `&` in the text starts an entity {@link entityAt} accepts. Equivalent to
 * checking each text and attribute value separately: an accepted entity holds no `<` or quote, so
 * it never spans two of them, and a `&` anywhere else makes the scanner decline anyway.
 */
function checkEntities(xml: string): void {
  let amp = xml.indexOf('&');
  while (amp !== -1) {
    entityAt(xml, amp);
    amp = xml.indexOf('&', entityEnd + 1);
  }
}

/** Decodes the five XML entities and `&#N;` / `&#xH;`; declines on anything else (never expands other entities). */
function decodeText(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const replacement = entityAt(raw, amp);
    out += raw.slice(from, amp) + replacement;
    from = entityEnd + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}
