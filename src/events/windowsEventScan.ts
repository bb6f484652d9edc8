import type { WindowsEvent } from './windowsEventXml';

/**
 * A scanner for the canonical XmlWinEventLog shape — the one-line
 * `<Event xmlns='...'><System>...</System><EventData><Data Name='X'>v</Data>...</EventData></Event>`
 * that Splunk indexes with renderXml=true (see ../shared/data/evtx-attack-samples/README.md) — giving
 * exactly what {@link parseWindowsEventXml} (xml2js) gives for it, about 15x faster (measured on the
 * benchmark's `raw` shape; see BENCHMARKS.md).
 *
 * It declines (returns null, and the caller uses xml2js) on anything outside that shape
 * ({@link CANONICAL_EVENT}): a prolog, DOCTYPE, comment, CDATA or processing instruction (`<!`,
 * `<?`), System missing or not first, other elements than System and EventData under Event, other
 * elements than Data in EventData, nested elements in a System child or in Data, text between
 * elements, entities other than the five XML ones, malformed or unusual character references,
 * attributes over 1,024 characters or holding `<`, tabs or newlines, spaces other than one before
 * each attribute, and anything before `<Event` or after `</Event>`. It expands nothing: only
 * `&amp; &lt; &gt; &quot; &apos;` and character references are decoded, in one linear pass.
 *
 * @param dataNames when given, only these `Data` names are kept (the others are still checked, so
 *   the scanner declines exactly where it would without the filter); the command passes the field
 *   names the detection reads (raw 200k: ~25% less time, no value strings made for the other ~15 Data)
 * @returns the event, or null when xml2js must decide (including every malformed input)
 */
export function scanWindowsEventXml(xml: string, dataNames?: ReadonlySet<string>): WindowsEvent | null {
  if (!CANONICAL_EVENT.test(xml)) return null;
  try {
    // Every `&` of an event of that shape is in a text or an attribute value, and each must be one
    // of the five entities or a character reference: checked once here, in one pass, so that the
    // values of skipped elements need no look at all.
    checkEntities(xml);
    return new Reader(xml, dataNames).event();
  } catch (error) {
    if (error === DECLINE) return null;
    throw error;
  }
}

const NAME = '[A-Za-z_][A-Za-z0-9_.:-]*';
/** One attribute: a single space, an ASCII name, `=`, a quoted value of at most 1,024 characters without `<`, tab or newline. */
const ATTRIBUTE = `(?: ${NAME}=(?:'[^'<\\t\\r\\n]{0,1024}'|"[^"<\\t\\r\\n]{0,1024}"))`;
/**
 * The whole shape the scanner reads, checked with one regular expression before any reading:
 * a compiled regular expression checks a 2 KB event in ~0.7 µs, where the same checks done
 * character by character in the tag reader took ~4 µs (raw 200k: see BENCHMARKS.md step 13). After
 * it matches, the {@link Reader} only finds positions (every `<` starts a tag, every tag is
 * well-formed). Linear: each quantified part ends at a character it cannot contain.
 */
const CANONICAL_EVENT = new RegExp(
  `^<Event${ATTRIBUTE}*>` +
    `<System>(?:<(${NAME})${ATTRIBUTE}*(?:/>|>[^<]*</\\1>))*</System>` +
    `(?:<EventData>(?:<Data${ATTRIBUTE}*(?:/>|>[^<]*</Data>))*</EventData>|<EventData/>)?` +
    '</Event>$',
);
const DECLINE = new Error('outside the canonical shape');
const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Names compared often, found in place: `find` answers which known name a range of the text
 * holds without making a string of it (the unread `Data` names and the System children are most
 * of an event's names).
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
}

/** What parseWindowsEventXml keeps of a System child; the first of each counts (xml2js' first()). */
interface SystemKept {
  /** Index in Reader.systemValues, and bit in its seen mask. */
  slot: number;
  /** Its text is kept, under its own name. */
  text: boolean;
  /** This attribute of it is kept (when non-empty), under the child's key in {@link SYSTEM_KEYS}. */
  attribute?: string;
}
/** System keys of a {@link WindowsEvent} by slot: EventID..Version are children's text, the rest attributes. */
const SYSTEM_KEYS = ['EventID', 'Channel', 'Computer', 'Level', 'Task', 'EventRecordID', 'Version', 'TimeCreated', 'Provider', 'UserID'];
const SYSTEM_KEPT = new Map<string, SystemKept>([
  ...SYSTEM_KEYS.slice(0, 7).map((name, slot): [string, SystemKept] => [name, { slot, text: true }]),
  ['TimeCreated', { slot: 7, text: false, attribute: 'SystemTime' }],
  ['Provider', { slot: 8, text: false, attribute: 'Name' }],
  ['Security', { slot: 9, text: false, attribute: 'UserID' }],
]);
const SYSTEM_CHILDREN = new NameTable(SYSTEM_KEPT.keys());

/** One table per `dataNames` set (the command passes the same set for every row). */
const dataNameTables = new WeakMap<ReadonlySet<string>, NameTable>();

function dataNameTable(dataNames: ReadonlySet<string>): NameTable {
  let table = dataNameTables.get(dataNames);
  if (table === undefined) {
    table = new NameTable(dataNames);
    dataNameTables.set(dataNames, table);
  }
  return table;
}

function isNameChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x3a || c === 0x2d;
}

/**
 * Reads an event that matched {@link CANONICAL_EVENT} and passed {@link checkEntities}: it only
 * finds positions (with indexOf), and makes strings of the values it keeps.
 */
class Reader {
  private readonly dataTable: NameTable | undefined;
  /** Whether the event holds any `&` (else no value needs decoding). */
  private readonly hasEntities: boolean;
  /** Set by {@link tagEnd}: the tag ended with `/>`. */
  private selfClosing = false;
  /** Set by {@link tagEnd}: the tag had at least one attribute. */
  private hasAttributes = false;
  /** Set by {@link tagEnd}: where the raw value of the attribute it was asked for starts and ends (-1: absent). */
  private wantedStart = -1;
  private wantedEnd = -1;
  /** System values by SystemKept.slot, for the event being read. */
  private readonly systemValues: (string | undefined)[] = new Array<string | undefined>(SYSTEM_KEYS.length).fill(undefined);

  constructor(
    private readonly xml: string,
    private readonly dataNames: ReadonlySet<string> | undefined,
  ) {
    this.dataTable = dataNames === undefined ? undefined : dataNameTable(dataNames);
    this.hasEntities = xml.includes('&');
  }

  event(): WindowsEvent {
    const xml = this.xml;
    // `<Event ...>` then `<System>`
    const system = this.systemChildren(this.tagEnd(6, undefined) + 8);
    const data: Record<string, string> = {};
    // after `</System>`: `<EventData>`, `<EventData/>` or `</Event>`
    const after = system.end + 9;
    if (xml.startsWith('<EventData>', after)) this.dataChildren(after + 11, data);
    return { system: system.values, data };
  }

  /**
   * The children of System from `i` (the first child, or `</System>`): the text or attribute
   * parseWindowsEventXml keeps of the first of each kept child; the rest are skipped.
   */
  private systemChildren(i: number): { values: Record<string, string>; end: number } {
    const xml = this.xml;
    const values = this.systemValues;
    values.fill(undefined);
    let seen = 0;
    // At a child's place, `</` can only be `</System>`.
    while (xml.charCodeAt(i + 1) !== 0x2f) {
      const nameStart = i + 1;
      let nameEnd = nameStart + 1;
      while (isNameChar(xml.charCodeAt(nameEnd))) nameEnd++;
      const name = SYSTEM_CHILDREN.find(xml, nameStart, nameEnd);
      const kept = name === undefined ? undefined : SYSTEM_KEPT.get(name);
      if (kept === undefined || (seen & (1 << kept.slot)) !== 0) {
        i = this.tagEnd(nameEnd, undefined);
        if (!this.selfClosing) i = xml.indexOf('<', i) + 3 + (nameEnd - nameStart);
        continue;
      }
      seen |= 1 << kept.slot;
      const textStart = this.tagEnd(nameEnd, kept.attribute);
      const lt = this.selfClosing ? textStart : xml.indexOf('<', textStart);
      if (kept.text) values[kept.slot] = this.selfClosing ? '' : elementText(this.hasAttributes, this.decode(textStart, lt));
      else if (this.wantedEnd > this.wantedStart) values[kept.slot] = this.decode(this.wantedStart, this.wantedEnd);
      i = this.selfClosing ? textStart : lt + 3 + (nameEnd - nameStart);
    }
    // Stored in one fixed order, as named properties: the same object shape for every event.
    const system: Record<string, string> = {};
    for (let slot = 0; slot < SYSTEM_KEYS.length; slot++) {
      const value = values[slot];
      if (value !== undefined) system[SYSTEM_KEYS[slot]] = value;
    }
    return { values: system, end: i };
  }

  /** The Data children of EventData from `i` (the first child, or `</EventData>`), kept by name (a repeated name: the last wins). */
  private dataChildren(i: number, data: Record<string, string>): void {
    const xml = this.xml;
    // At a child's place, `</` can only be `</EventData>`.
    while (xml.charCodeAt(i + 1) !== 0x2f) {
      i = this.tagEnd(i + 5, 'Name');
      const name = this.dataName();
      if (name === undefined) {
        if (!this.selfClosing) i = xml.indexOf('<', i) + 7;
      } else if (this.selfClosing) {
        data[name] = '';
      } else {
        const lt = xml.indexOf('<', i);
        data[name] = elementText(this.hasAttributes, this.decode(i, lt));
        i = lt + 7;
      }
    }
  }

  /**
   * The `Name` of the Data element {@link tagEnd} just read, when it is kept: found in place among
   * the wanted names (no string made for the others), decoded only when it holds an entity.
   */
  private dataName(): string | undefined {
    const start = this.wantedStart;
    const end = this.wantedEnd;
    if (start < 0 || start === end) return undefined;
    if (this.hasEntities) {
      const amp = this.xml.indexOf('&', start);
      if (amp !== -1 && amp < end) {
        const name = decodeText(this.xml.slice(start, end));
        return name !== '' && (this.dataNames === undefined || this.dataNames.has(name)) ? name : undefined;
      }
    }
    if (this.dataTable !== undefined) return this.dataTable.find(this.xml, start, end);
    return this.xml.slice(start, end);
  }

  /**
   * Skips the attributes of a start tag from `i` (just after its name) to after its `>` or `/>`,
   * and returns that index; sets {@link selfClosing}, {@link hasAttributes} and the range of the
   * first attribute named `wanted` (sax keeps the first of repeated attributes).
   */
  private tagEnd(i: number, wanted: string | undefined): number {
    const xml = this.xml;
    this.hasAttributes = false;
    this.wantedStart = -1;
    this.wantedEnd = -1;
    for (;;) {
      const c = xml.charCodeAt(i);
      if (c === 0x3e) {
        this.selfClosing = false;
        return i + 1;
      }
      if (c === 0x2f) {
        this.selfClosing = true;
        return i + 2;
      }
      // ` name='value'` (or "value")
      this.hasAttributes = true;
      const equals = xml.indexOf('=', i);
      const valueEnd = xml.indexOf(xml.charCodeAt(equals + 1) === 0x27 ? "'" : '"', equals + 2);
      if (wanted !== undefined && this.wantedStart < 0 && equals - i - 1 === wanted.length && xml.startsWith(wanted, i + 1)) {
        this.wantedStart = equals + 2;
        this.wantedEnd = valueEnd;
      }
      i = valueEnd + 1;
    }
  }

  /** The text between two indexes, entities decoded. */
  private decode(start: number, end: number): string {
    const raw = this.xml.slice(start, end);
    return this.hasEntities ? decodeText(raw) : raw;
  }
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

/** The `;` of the entity {@link entityAt} read last. */
let entityEnd = 0;

/**
 * The text the entity or character reference starting at `text[amp]` (`&`) stands for (its `;`
 * is left in {@link entityEnd}); declines on anything but the five XML entities and `&#N;` /
 * `&#xH;` of an XML character (never expands other entities).
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

/**
 * Declines unless every `&` in the text starts an entity {@link entityAt} accepts. Equivalent to
 * checking each text and attribute value separately: an accepted entity holds no `<` or quote, so
 * it never spans two of them, and in the canonical shape a `&` can be nowhere else.
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
