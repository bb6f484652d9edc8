import type { KeptFields, WindowsEvent } from './windowsEventXml';

/**
 * A scanner for the canonical XmlWinEventLog shape — the one-line
 * `<Event xmlns='...'><System>...</System><EventData><Data Name='X'>v</Data>...</EventData></Event>`
 * that Splunk indexes with renderXml=true (see ../shared/data/evtx-attack-samples/README.md) — giving
 * exactly what {@link parseWindowsEventXml} (xml2js) gives for it, about 30x faster (the Sysmon
 * events of ../shared/data: ~2.5 µs an event against ~75 µs; see BENCHMARKS.md).
 *
 * It declines (returns null, and the caller uses xml2js) on anything outside that shape
 * ({@link HEAD} and {@link TAIL}): a prolog, DOCTYPE, comment, CDATA or processing instruction
 * (`<!`, `<?`), System missing or not first, other elements than System and EventData under Event,
 * other elements than Data in EventData, nested elements in a System child or in Data, text
 * between elements, entities other than the five XML ones, malformed or unusual character
 * references, attributes over 1,024 characters or holding `<`, tabs or newlines, spaces other than
 * one before each attribute, and anything before `<Event` or after `</Event>`. It expands nothing:
 * only `&amp; &lt; &gt; &quot; &apos;` and character references are decoded, in one linear pass.
 *
 * @param keep when given, only these `Data` names and System keys are kept (the rest is still
 *   checked, so the scanner declines exactly where it would without the filter); the command keeps
 *   what the detection reads (raw 200k: ~25% less time, no value strings made for the other ~15 Data)
 * @returns the event, or null when xml2js must decide (including every malformed input)
 */
export function scanWindowsEventXml(xml: string, keep?: KeptFields): WindowsEvent | null {
  const systemEnd = matchedTo(HEAD, xml, 0);
  if (systemEnd < 0 || matchedTo(TAIL, xml, systemEnd) < 0) return null;
  try {
    // Every `&` of an event of that shape is in a text or an attribute value, and each must be one
    // of the five entities or a character reference: checked once here, in one pass, so that the
    // values of skipped elements need no look at all.
    checkEntities(xml);
    return new Reader(xml, readingPlan(keep)).event(systemEnd);
  } catch (error) {
    if (error === DECLINE) return null;
    throw error;
  }
}

const NAME = '[A-Za-z_][A-Za-z0-9_.:-]*';
/** One attribute: a single space, an ASCII name, `=`, a quoted value of at most 1,024 characters without `<`, tab or newline. */
const ATTRIBUTE = `(?: ${NAME}=(?:'[^'<\\t\\r\\n]{0,1024}'|"[^"<\\t\\r\\n]{0,1024}"))`;
/**
 * The shape the scanner reads is checked with two regular expressions before any reading: the
 * root and System ({@link HEAD}, whose end gives where System ends), then EventData to the end
 * ({@link TAIL}). Compiled regular expressions check a 2 KB event in ~0.7 µs, where the same
 * checks done character by character in a tag reader took ~4 µs; with the position-only reader
 * this bought: scanner 4.7 -> 3.2 µs an event, raw 200k user CPU 2.2 -> 2.0 s (BENCHMARKS.md step
 * 16). After they match, the {@link Reader} only finds positions (every `<` starts a tag, every tag
 * is well-formed). Linear: each quantified part ends at a character it cannot contain.
 */
const HEAD = new RegExp(`^<Event${ATTRIBUTE}*><System>(?:<(${NAME})${ATTRIBUTE}*(?:/>|>[^<]*</\\1>))*</System>`, 'y');
const TAIL = new RegExp(`(?:<EventData>(?:<Data${ATTRIBUTE}*(?:/>|>[^<]*</Data>))*</EventData>|<EventData/>)?</Event>$`, 'y');
const DECLINE = new Error('outside the canonical shape');

/**
 * Where a sticky pattern's match from `from` ends, or -1 when it does not match there or its
 * backtracking stack overflows: V8 throws RangeError past ~1-2 million repetitions of HEAD's or
 * TAIL's group (2.5 M empty elements in System, 9.5 MB, did), and such text is left to the caller.
 */
function matchedTo(pattern: RegExp, xml: string, from: number): number {
  pattern.lastIndex = from;
  try {
    return pattern.test(xml) ? pattern.lastIndex : -1;
  } catch (error) {
    if (error instanceof RangeError) return -1;
    throw error;
  }
}

/**
 * After System: complete Data elements of EventData, as far as they go (the EventData start tag
 * may be missing too, when the text ends before it).
 */
const TRUNCATED_TAIL = new RegExp(`(?:<EventData>(?:<Data${ATTRIBUTE}*(?:/>|>[^<]*</Data>))*)?`, 'y');
/**
 * A Data element cut inside its value or its end tag: its start tag (group 1) and the value up to
 * the cut (group 2).
 */
const CUT_DATA = new RegExp(`^(<Data${ATTRIBUTE}*>)([^<]*)(?:<(?:/(?:D(?:a(?:ta?)?)?)?)?)?$`);
/** An entity or character reference cut before its `;` at the end of a value. */
const CUT_ENTITY = /&#?[A-Za-z0-9]{0,8}$/;
const CLOSING = '</EventData></Event>';

/**
 * Reads an event in the canonical shape (see {@link scanWindowsEventXml}) that ends before its
 * `</Event>`: what Splunk indexes when it cuts an event at props.conf `TRUNCATE` (10,000 bytes by
 * default), typically inside a long CommandLine. System must be whole; every Data element that is
 * whole is read, and a Data element cut inside its value gives the value up to the cut (an entity
 * cut before its `;` is dropped). A cut inside a start tag loses that element. Nothing past the
 * end of the text is read or guessed.
 *
 * @returns the event with `truncated` set, or null when the text is not such a prefix (a whole
 *   event, System cut, anything outside the shape)
 */
export function scanTruncatedWindowsEventXml(xml: string, keep?: KeptFields): WindowsEvent | null {
  const systemEnd = matchedTo(HEAD, xml, 0);
  if (systemEnd < 0) return null;
  const wholeEnd = matchedTo(TRUNCATED_TAIL, xml, systemEnd);
  if (wholeEnd < 0) return null;
  const hasEventData = wholeEnd > systemEnd;
  const rest = xml.slice(wholeEnd);
  const data = hasEventData ? CUT_DATA.exec(rest) : null;
  const closing = hasEventData ? CLOSING : '</Event>';
  let cut = '';
  if (data) cut = `${data[1]}${data[2].replace(CUT_ENTITY, '')}</Data>`;
  else if (!isCutTag(rest) && !isCutEnd(rest, closing) && !(!hasEventData && rest.startsWith('<EventData/>') && isCutEnd(rest.slice(12), '</Event>'))) {
    return null;
  }
  const closed = `${xml.slice(0, wholeEnd)}${cut}${closing}`;
  const event = scanWindowsEventXml(closed, keep);
  return event ? { ...event, truncated: true } : null;
}

/** '' or a start tag cut before its `>` (`<`, `<Da`, `<Data Name='Comm`, `<EventDa`). */
function isCutTag(rest: string): boolean {
  return rest === '' || (rest.charCodeAt(0) === 0x3c && rest.indexOf('<', 1) === -1 && !rest.includes('>'));
}

/** A proper prefix of the closing tags `closing` (the text ends inside them). */
function isCutEnd(rest: string, closing: string): boolean {
  return rest.length < closing.length && closing.startsWith(rest);
}


const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The wanted `Data` names, found in place: `find` answers which of them a range of the text holds
 * without making a string of it (~15 of an EID 1 event's ~20 Data are not read). Names read
 * without slicing, with the one entity pass and no per-event `seen` object, bought raw 200k user
 * CPU 2.84-2.95 -> 2.18-2.23 s (BENCHMARKS.md).
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

/** A System child parseWindowsEventXml keeps something of; the first of each counts (xml2js' first()). */
interface SystemChild {
  /** `<` and the child's name, to find it with indexOf. */
  open: string;
  /** The {@link WindowsEvent.system} key it gives. */
  key: string;
  /** Its text is kept (under its own name), else the attribute below (when non-empty). */
  text: boolean;
  attribute?: string;
}
/** In the order parseWindowsEventXml fills {@link WindowsEvent.system}. */
const SYSTEM_CHILDREN: readonly SystemChild[] = [
  ...['EventID', 'Channel', 'Computer', 'Level', 'Task', 'EventRecordID', 'Version'].map((name) => ({ open: `<${name}`, key: name, text: true })),
  { open: '<TimeCreated', key: 'TimeCreated', text: false, attribute: 'SystemTime' },
  { open: '<Provider', key: 'Provider', text: false, attribute: 'Name' },
  { open: '<Security', key: 'UserID', text: false, attribute: 'UserID' },
];

/** What the {@link Reader} looks for: the System children to read, and the Data names to keep (all when undefined). */
interface ReadingPlan {
  system: readonly SystemChild[];
  data: { names: ReadonlySet<string>; table: NameTable } | undefined;
}
const READ_ALL: ReadingPlan = { system: SYSTEM_CHILDREN, data: undefined };
/** One plan per {@link KeptFields} (the command passes the same one for every row). */
const plans = new WeakMap<KeptFields, ReadingPlan>();

function readingPlan(keep: KeptFields | undefined): ReadingPlan {
  if (keep === undefined) return READ_ALL;
  let plan = plans.get(keep);
  if (plan === undefined) {
    plan = { system: SYSTEM_CHILDREN.filter((child) => keep.system.has(child.key)), data: { names: keep.data, table: new NameTable(keep.data) } };
    plans.set(keep, plan);
  }
  return plan;
}

/**
 * Reads an event that matched {@link HEAD} and {@link TAIL} and passed {@link checkEntities}: it
 * only finds positions (with indexOf), and makes strings of the values it keeps.
 */
class Reader {
  /** Whether the event holds any `&` (else no value needs decoding). */
  private readonly hasEntities: boolean;
  /**
   * The first `&` at or after the last name {@link dataName} looked at, or -1: found once, not per
   * name (an indexOf per name ran to the end of `_raw`; raw 200k user CPU 1.96 -> 1.90 s).
   */
  private nextAmp: number;
  /** Set by {@link tagEnd}: the tag ended with `/>`. */
  private selfClosing = false;
  /** Set by {@link tagEnd}: the tag had at least one attribute. */
  private hasAttributes = false;
  /** Set by {@link tagEnd}: where the raw value of the attribute it was asked for starts and ends (-1: absent). */
  private wantedStart = -1;
  private wantedEnd = -1;

  constructor(
    private readonly xml: string,
    private readonly plan: ReadingPlan,
  ) {
    this.nextAmp = xml.indexOf('&');
    this.hasEntities = this.nextAmp !== -1;
  }

  /** @param systemEnd the index just after `</System>` */
  event(systemEnd: number): WindowsEvent {
    const system = this.systemValues(this.xml.indexOf('<System>') + 8, systemEnd - 9);
    const data: Record<string, string> = {};
    // after `</System>`: `<EventData>`, `<EventData/>` or `</Event>`
    if (this.xml.startsWith('<EventData>', systemEnd)) this.dataChildren(systemEnd + 11, data);
    return { system, data };
  }

  /**
   * The System values of the plan, from the children between `start` and `end` (`</System>`): each
   * kept child is found with one indexOf (every `<` there starts a child's tag), not by walking the
   * ~14 children; with only the System values the view reads kept ({@link KeptFields}), the
   * scanner went 3.2 -> 2.6 µs an event (BENCHMARKS.md). The first of each counts.
   */
  private systemValues(start: number, end: number): Record<string, string> {
    const xml = this.xml;
    const system: Record<string, string> = {};
    for (const child of this.plan.system) {
      const at = this.findChild(child.open, start, end);
      if (at < 0) continue;
      const textStart = this.tagEnd(at + child.open.length, child.attribute);
      if (child.text) {
        system[child.key] = this.selfClosing ? '' : elementText(this.hasAttributes, this.decode(textStart, xml.indexOf('<', textStart)));
      } else if (this.wantedEnd > this.wantedStart) {
        system[child.key] = this.decode(this.wantedStart, this.wantedEnd);
      }
    }
    return system;
  }

  /** Index of the first start tag `open` (`<Name`, followed by a space, `>` or `/`) in [start, end), or -1. */
  private findChild(open: string, start: number, end: number): number {
    const xml = this.xml;
    let at = xml.indexOf(open, start);
    while (at !== -1 && at < end) {
      const c = xml.charCodeAt(at + open.length);
      if (c === 0x20 || c === 0x3e || c === 0x2f) return at;
      at = xml.indexOf(open, at + 1);
    }
    return -1;
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
    const data = this.plan.data;
    if (this.nextAmp !== -1) {
      if (this.nextAmp < start) this.nextAmp = this.xml.indexOf('&', start);
      const amp = this.nextAmp;
      if (amp !== -1 && amp < end) {
        const name = decodeText(this.xml.slice(start, end));
        return name !== '' && (data === undefined || data.names.has(name)) ? name : undefined;
      }
    }
    if (data !== undefined) return data.table.find(this.xml, start, end);
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
