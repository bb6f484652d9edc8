// AssemblyScript (not TypeScript: excluded from tsconfig/eslint). Compiled by scripts/build.mjs with
// `asc --runtime stub --enable simd -O3` into the record indexer kernel that src/command/recordIndex/wasmIndexer.ts
// drives. No allocator is used: every region is a fixed offset in linear memory (layout below).
//
// What it does, per call of `scan`: walks the CSV bytes of one window (copied in by the wrapper) record
// by record, exactly as src/protocol/csvCursor.ts reads them (RFC 4180; a cell is quoted iff its first
// byte is `"`; `""` inside quotes; after a closing quote only `,` `\n` `\r` or the end; records end in
// `\n`, `\r\n` or a lone `\r`), and writes one table row per complete record:
//   [start, end, next, flags, keep0Start, keep0End, ...]  (body offsets: window offset + base)
// flags bit 0 RAGGED (cell count != width), bit 1 KEY_WORD (a screened cell holds a key word of one
// of its column's word sets, ASCII case-insensitively).
//
// Word sets: each word carries a mask of the sets (at most 16) it belongs to, each screened column
// the mask of the sets it is screened for; a word found in a cell counts only when the two masks
// meet. One Teddy table holds every word of every set (one search per cell); a column's Teddy
// buckets are narrowed to those holding a word of its sets before the candidates are verified.
//
// The walk: CsvCursor's loop, its searches for the closing quote / the next separator 16 bytes at a
// time (i8x16.eq + i8x16.bitmask), a run of empty cells 16 at a time, and a Teddy key-word screen
// (i8x16.swizzle nibble tables) of screened cells. `walk` 1 searches byte by byte instead: the
// reference the tests compare with. Measured: BENCHMARKS.md ("Record indexer").

// ---- layout (byte offsets in linear memory) -------------------------------------------------
const MAX_WORDS: usize = 64;
const MAX_SETS: i32 = 16;
const MAX_WORD_BYTES: usize = 4096;
const MAX_COLUMNS: usize = 4096;
const TABLE_BYTES: usize = 256 << 10;
/** Zeroed bytes after the window's data: the 16-byte loads of the searches and of the screen (at +3) read there. */
const WINDOW_PAD: usize = 128;
const FOLD: usize = 1024; // 256 bytes: ASCII lower-casing table (A-Z -> a-z, every other byte unchanged)
const TEDDY: usize = FOLD + 256; // 8 x 16 bytes: lo0, hi0, ..., lo3, hi3: nibble -> bucket bits
const SCRATCH: usize = TEDDY + 128; // 16 bytes: one fingerprint vector, read back lane by lane
const WORD_OFF: usize = SCRATCH + 16; // MAX_WORDS x i32: offset of each word in WORD_BYTES
const WORD_LEN: usize = WORD_OFF + 4 * MAX_WORDS; // MAX_WORDS x i32
const WORD_SETS: usize = WORD_LEN + 4 * MAX_WORDS; // MAX_WORDS x i32: the mask of the sets each word belongs to
const BUCKET_SETS: usize = WORD_SETS + 4 * MAX_WORDS; // 8 x i32: the sets of each Teddy bucket's words
const BUCKET_WORDS: usize = BUCKET_SETS + 4 * 8; // 8 buckets x (1 count + MAX_WORDS indices) x i32
const WORD_BYTES: usize = BUCKET_WORDS + 8 * 4 * (MAX_WORDS + 1); // MAX_WORD_BYTES
const COLUMNS: usize = WORD_BYTES + MAX_WORD_BYTES; // MAX_COLUMNS x i32: bit 0 screen, bits 1.. keep slot + 1
/** MAX_COLUMNS x i32: bits 0-15 the column's word sets (written by the wrapper), bits 16-23 the Teddy buckets holding a word of them (setPlan). */
const COLUMN_SETS: usize = COLUMNS + 4 * MAX_COLUMNS;
const TABLE: usize = (COLUMN_SETS + 4 * MAX_COLUMNS + 15) & ~15; // TABLE_BYTES of records
const WINDOW: usize = TABLE + TABLE_BYTES; // the window: capacity + WINDOW_PAD bytes

const QUOTE: u8 = 0x22;
const COMMA: u8 = 0x2c;
const LF: u8 = 0x0a;
const CR: u8 = 0x0d;

const RAGGED: i32 = 1;
const KEY_WORD: i32 = 2;
/** The plan's byte column holds exactly one byte; flags bits 8-15 are that byte. */
const ONE_BYTE: i32 = 4;
/** scan's answer besides a byte count. */
const MALFORMED: i32 = -1;

// ---- state ----------------------------------------------------------------------------------
let minWordLen: i32 = 1 << 30;
let width: i32 = 0;
/** Columns with flags at COLUMNS (>= width when the plan names a column beyond the header). */
let columnLimit: i32 = 0;
let stride: i32 = 4;
let keepCount: i32 = 0;
let tableCap: i32 = 0;
/** Records written to TABLE by the last scan. */
let count: i32 = 0;

// ---- exports for the wrapper ----------------------------------------------------------------

/** Where the wrapper writes the words (concatenated lower-case bytes) before calling setWords. */
export function wordBytesPtr(): usize {
  return WORD_BYTES;
}
export function wordLenPtr(): usize {
  return WORD_LEN;
}
export function wordSetsPtr(): usize {
  return WORD_SETS;
}
export function columnsPtr(): usize {
  return COLUMNS;
}
export function columnSetsPtr(): usize {
  return COLUMN_SETS;
}
export function tablePtr(): usize {
  return TABLE;
}
export function windowPtr(): usize {
  return WINDOW;
}
/** False if the compiler put static data where the layout starts (the wrapper then gives up). */
export function layoutOk(): bool {
  return __heap_base <= FOLD;
}
export function recordCount(): i32 {
  return count;
}
export function maxColumns(): i32 {
  return <i32>MAX_COLUMNS;
}
export function maxWords(): i32 {
  return <i32>MAX_WORDS;
}
export function maxWordBytes(): i32 {
  return <i32>MAX_WORD_BYTES;
}
export function maxWordSets(): i32 {
  return MAX_SETS;
}

/** Grows memory so that the window holds `capacity` bytes (plus its padding); false if memory cannot grow. */
export function reserveWindow(capacity: i32): bool {
  const needed = WINDOW + <usize>capacity + WINDOW_PAD;
  const have = <usize>memory.size() << 16;
  if (needed > have) {
    const pages = <i32>((needed - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) return false;
  }
  return true;
}

/**
 * Builds the fold table and the Teddy fingerprint of the LAST four bytes of each word (8 buckets,
 * words assigned in their order in contiguous groups: the wrapper sorts them by their reversed text
 * so that words sharing an ending share a bucket). The wrapper has written `n` words' lengths at
 * WORD_LEN, their set masks at WORD_SETS and their bytes back to back at WORD_BYTES.
 *
 * Why the last bytes: on the benchmark's narrow rows (real Sysmon EID 1 paths and command lines,
 * ~330 screened bytes a row) the first three bytes of the key words occur ~5.5 times a row
 * (`win` of windsurf in every `C:\Windows\`, `ser` in `Users`, `dat` in `AppData`), their last
 * four ~0.6 times (~0.9 verifications a row with the nibble tables' false matches); every
 * occurrence costs a verification (bench/recordIndex.ts: 416 -> 332 ns/row).
 */
export function setWords(n: i32): void {
  for (let b = 0; b < 256; b++) store<u8>(FOLD + b, b >= 0x41 && b <= 0x5a ? b | 0x20 : b);
  memory.fill(TEDDY, 0, 128);
  memory.fill(BUCKET_WORDS, 0, 8 * 4 * (MAX_WORDS + 1));
  memory.fill(BUCKET_SETS, 0, 4 * 8);
  minWordLen = 1 << 30;
  let off = 0;
  for (let w = 0; w < n; w++) {
    const len = load<i32>(WORD_LEN + 4 * w);
    store<i32>(WORD_OFF + 4 * w, off);
    if (len < minWordLen) minWordLen = len;
    const bucket = (w * 8) / n;
    const list = BUCKET_WORDS + <usize>bucket * 4 * (MAX_WORDS + 1);
    const k = load<i32>(list);
    store<i32>(list + 4 + 4 * k, w);
    store<i32>(list, k + 1);
    const sets = BUCKET_SETS + (<usize>bucket << 2);
    store<i32>(sets, load<i32>(sets) | load<i32>(WORD_SETS + 4 * w));
    const bit = <u8>(<i32>1 << bucket);
    for (let p = 0; p < 4; p++) {
      const c = load<u8>(WORD_BYTES + off + len - 4 + p);
      addNibbles(p, c, bit);
      if (c >= 0x61 && c <= 0x7a) addNibbles(p, c & 0xdf, bit);
    }
    off += len;
  }
}

function addNibbles(p: i32, c: u8, bit: u8): void {
  const lo = TEDDY + <usize>p * 32 + (c & 15);
  const hi = TEDDY + <usize>p * 32 + 16 + (c >> 4);
  store<u8>(lo, load<u8>(lo) | bit);
  store<u8>(hi, load<u8>(hi) | bit);
}

/** Kept slot whose one-byte value goes into the flags (ONE_BYTE), -1 for none; set after setPlan. */
let byteSlot: i32 = -1;
export function setByteSlot(slot: i32): void {
  byteSlot = slot;
}

/**
 * Sets the plan: the wrapper has written `limit` column flags at COLUMNS (bit 0 screen, bits 1.. keep
 * slot + 1) and their word-set masks at COLUMN_SETS (bits 0-15); `w` cells make a record that is not
 * ragged; `keeps` kept columns. Adds to each column's sets the Teddy buckets holding one of its words.
 */
export function setPlan(limit: i32, w: i32, keeps: i32): void {
  for (let c = 0; c < limit; c++) {
    const at = COLUMN_SETS + (<usize>c << 2);
    const sets = load<i32>(at) & 0xffff;
    let buckets = 0;
    for (let b = 0; b < 8; b++) if ((load<i32>(BUCKET_SETS + (<usize>b << 2)) & sets) != 0) buckets |= 1 << b;
    store<i32>(at, sets | (buckets << 16));
  }
  columnLimit = limit;
  width = w;
  keepCount = keeps;
  stride = 4 + 2 * keeps;
  tableCap = <i32>(TABLE_BYTES / (<usize>stride * 4));
}

// ---- records --------------------------------------------------------------------------------

@inline function rowPtr(r: i32): usize {
  return TABLE + ((<usize>r * <usize>stride) << 2);
}

/** Starts row `count`: its keep ranges absent (-1) until a kept cell is met. */
@inline function openRow(): void {
  quietStart = -1;
  const row = rowPtr(count);
  for (let k = 0; k < keepCount * 2; k++) store<i32>(row + 16 + (<usize>k << 2), -1);
}

@inline function closeRow(start: i32, end: i32, next: i32, flags: i32, base: i32): void {
  const row = rowPtr(count);
  store<i32>(row, start + base);
  store<i32>(row, end + base, 4);
  store<i32>(row, next + base, 8);
  let f = flags;
  if (byteSlot >= 0) {
    // The byte column's value, read here while the record is in the window (the caller then need not touch the body).
    const s = load<i32>(row + 16 + (<usize>byteSlot << 3));
    if (s >= 0 && load<i32>(row + 20 + (<usize>byteSlot << 3)) - s == 1) f |= ONE_BYTE | (<i32>load<u8>(WINDOW + <usize>(s - base)) << 8);
  }
  store<i32>(row, f, 12);
  count++;
}

/** The last screened cell of the current record without a key word (window offsets; -1 at a record's start) and its column's sets. */
let quietStart: i32 = -1;
let quietEnd: i32 = -1;
let quietSets: i32 = 0;

/** One cell [s, e) (window offsets) of column `cell`: keeps its range and screens it. Returns the record's flags. */
@inline function endCell(cell: i32, s: i32, e: i32, flags: i32, base: i32): i32 {
  if (cell < columnLimit) {
    const f = load<i32>(COLUMNS + (<usize>cell << 2));
    if (f != 0) {
      if ((f & 1) != 0 && (flags & KEY_WORD) == 0 && e - s >= minWordLen) {
        const sets = load<i32>(COLUMN_SETS + (<usize>cell << 2));
        if (!coveredSets(sets) || !sameBytes(s, e)) {
          if (screen(s, e, sets)) flags |= KEY_WORD;
          else {
            quietStart = s;
            quietEnd = e;
            quietSets = sets;
          }
        }
      }
      const slot = f >> 1;
      if (slot != 0) {
        const at = rowPtr(count) + 16 + (<usize>(slot - 1) << 3);
        store<i32>(at, s + base);
        store<i32>(at, e + base, 4);
      }
    }
  }
  return flags;
}

/** endCell without the screen (a cell known to hold no key word). */
@inline function keepRange(cell: i32, s: i32, e: i32, base: i32): void {
  if (cell < columnLimit) {
    const slot = load<i32>(COLUMNS + (<usize>cell << 2)) >> 1;
    if (slot != 0) {
      const at = rowPtr(count) + 16 + (<usize>(slot - 1) << 3);
      store<i32>(at, s + base);
      store<i32>(at, e + base, 4);
    }
  }
}

/** True when the record's last quiet screened cell was screened for every word set of `sets` (a column's COLUMN_SETS). */
@inline function coveredSets(sets: i32): bool {
  return (sets & ~quietSets & 0xffff) == 0;
}

/**
 * True when the cell starting at `s` is a screened column whose first bytes are those of the
 * record's last quiet screened cell, followed by a separator before `n`, and whose word sets that
 * cell was screened for: then it is that cell again (CsvCursor's reading of a cell depends only on
 * its bytes and the byte after it), without a key word of its sets. Splunkd sends a field and its CIM alias side by side (`Image` and `process_path`,
 * `CommandLine` and `process`): this skips the alias's search and screen.
 */
@inline function isAlias(cell: i32, s: i32, n: i32, flags: i32): bool {
  if (quietStart < 0 || (flags & KEY_WORD) != 0 || cell >= columnLimit) return false;
  if ((load<i32>(COLUMNS + (<usize>cell << 2)) & 1) == 0 || !coveredSets(load<i32>(COLUMN_SETS + (<usize>cell << 2)))) return false;
  const e = s + quietEnd - quietStart;
  return e < n && isSeparator(load<u8>(WINDOW + <usize>e)) && sameBytes(s, e);
}

// ---- key-word screen ------------------------------------------------------------------------

/**
 * True when [s, e) holds the same bytes as the record's last quiet screened cell (then it is quiet
 * too). Splunkd sends a field and its CIM alias side by side (`Image` and `process_path`,
 * `CommandLine` and `process`): on the benchmark's narrow rows this halves the bytes screened.
 */
@inline function sameBytes(s: i32, e: i32): bool {
  const len = e - s;
  if (quietStart < 0 || quietEnd - quietStart != len) return false;
  const a = WINDOW + <usize>quietStart;
  const b = WINDOW + <usize>s;
  let k = 0;
  for (; k + 16 <= len; k += 16) {
    if (i8x16.bitmask(i8x16.eq(v128.load(a + <usize>k), v128.load(b + <usize>k))) != 0xffff) return false;
  }
  for (; k < len; k++) if (load<u8>(a + <usize>k) != load<u8>(b + <usize>k)) return false;
  return true;
}

@inline function lookup(lo: v128, hi: v128, x: v128): v128 {
  return v128.and(i8x16.swizzle(lo, v128.and(x, i8x16.splat(15))), i8x16.swizzle(hi, i8x16.shr_u(x, 4)));
}

/**
 * True when the window bytes [s, e) hold a key word of the word sets `sets` (a column's COLUMN_SETS:
 * bits 0-15 the sets, 16-23 their buckets), ASCII case-insensitively. Teddy: per 16 positions, the
 * buckets whose words' last four bytes match there (nibble-table swizzles of four shifted loads,
 * ANDed, then masked to the column's buckets); each candidate is verified byte by byte against the
 * words of its buckets that belong to one of the sets.
 */
function screen(s: i32, e: i32, sets: i32): bool {
  const last = e - 4; // last position a word's last four bytes start at
  let i = s + minWordLen - 4;
  if (i > last) return false;
  const buckets = i8x16.splat(<i8>(sets >> 16));
  const wordSets = sets & 0xffff;
  const lo0 = v128.load(TEDDY);
  const hi0 = v128.load(TEDDY, 16);
  const lo1 = v128.load(TEDDY, 32);
  const hi1 = v128.load(TEDDY, 48);
  const lo2 = v128.load(TEDDY, 64);
  const hi2 = v128.load(TEDDY, 80);
  const lo3 = v128.load(TEDDY, 96);
  const hi3 = v128.load(TEDDY, 112);
  for (; i <= last; i += 16) {
    const at = WINDOW + <usize>i;
    const m = v128.and(
      v128.and(v128.and(lookup(lo0, hi0, v128.load(at)), lookup(lo1, hi1, v128.load(at, 1))), buckets),
      v128.and(lookup(lo2, hi2, v128.load(at, 2)), lookup(lo3, hi3, v128.load(at, 3))),
    );
    let bits = i8x16.bitmask(i8x16.ne(m, i8x16.splat(0)));
    if (bits == 0) continue;
    if (last - i < 15) bits &= (1 << (last - i + 1)) - 1;
    if (bits == 0) continue;
    v128.store(SCRATCH, m);
    while (bits != 0) {
      const j = ctz(bits);
      bits &= bits - 1;
      if (verify(i + j + 4, s, load<u8>(SCRATCH + <usize>j), wordSets)) return true;
    }
  }
  return false;
}

/** True when a word of the `buckets` belonging to one of the `sets` ends at `end` and starts at or after `s`. */
function verify(end: i32, s: i32, buckets: i32, sets: i32): bool {
  while (buckets != 0) {
    const b = ctz(buckets);
    buckets &= buckets - 1;
    const list = BUCKET_WORDS + <usize>b * 4 * (MAX_WORDS + 1);
    const k = load<i32>(list);
    for (let t = 0; t < k; t++) {
      const w = load<i32>(list + 4 + (<usize>t << 2));
      if ((load<i32>(WORD_SETS + (<usize>w << 2)) & sets) == 0) continue;
      const len = load<i32>(WORD_LEN + (<usize>w << 2));
      const pos = end - len;
      if (pos < s) continue;
      const word = WORD_BYTES + <usize>load<i32>(WORD_OFF + (<usize>w << 2));
      const text = WINDOW + <usize>pos;
      let q = 0;
      while (q < len && load<u8>(FOLD + <usize>load<u8>(text + q)) == load<u8>(word + q)) q++;
      if (q == len) return true;
    }
  }
  return false;
}

// ---- scan -----------------------------------------------------------------------------------

/**
 * Indexes the window's first `n` bytes. `final`: the window ends where the body ends (a last record
 * may lack its terminator); otherwise the record cut by the window's end is left for the next window.
 * `base`: the window's offset in the body (added to every offset written). `walk`: 0 the SIMD
 * searches, 1 byte by byte (the reference).
 * Returns the bytes consumed (complete records; fewer when the table is full), or MALFORMED.
 */
export function scan(n: i32, final: bool, base: i32, walk: i32): i32 {
  count = 0;
  memory.fill(WINDOW + <usize>n, 0, WINDOW_PAD);
  return scanCells(n, final, base, walk == 0);
}

@inline function isSeparator(c: u8): bool {
  return c == COMMA || c == LF || c == CR;
}

/**
 * The cell walk: CsvCursor#next's loop over the window. `simd`: its two searches 16 bytes at a time
 * (the next `"` inside a quoted cell, the next `,` `\n` `\r` in an unquoted one; loads past `n`
 * read the window's zeroed padding), else byte by byte (the reference walk). Splunkd quotes nearly
 * every non-numeric cell, so nearly every byte is crossed by the quote search: one compare and one
 * bitmask per 16 bytes.
 */
function scanCells(n: i32, final: bool, base: i32, simd: bool): i32 {
  let i = 0;
  while (i < n) {
    if (count == tableCap) return i;
    const recStart = i;
    let cell = 0;
    let flags = 0;
    openRow();
    for (;;) {
      const s = i;
      if (simd && isAlias(cell, s, n, flags)) {
        // The same bytes as the record's last quiet screened cell, then a separator: the same cell,
        // quiet too; neither searched nor screened.
        i = s + quietEnd - quietStart;
        keepRange(cell, s, i, base);
      } else if (i < n && load<u8>(WINDOW + <usize>i) == QUOTE) {
        let q = i + 1;
        for (;;) {
          if (simd) q = findFirst(q, n, false);
          else while (q < n && load<u8>(WINDOW + <usize>q) != QUOTE) q++;
          if (q >= n) return final ? MALFORMED : recStart;
          if (q + 1 < n) {
            if (load<u8>(WINDOW + <usize>(q + 1)) == QUOTE) {
              q += 2;
              continue;
            }
          } else if (!final) return recStart;
          break;
        }
        i = q + 1;
        if (i < n && !isSeparator(load<u8>(WINDOW + <usize>i))) return MALFORMED;
        flags = endCell(cell, s, i, flags, base);
      } else {
        if (i < n && isSeparator(load<u8>(WINDOW + <usize>i))) {
          // an empty cell
        } else if (simd) i = findFirst(i, n, true);
        else while (i < n && !isSeparator(load<u8>(WINDOW + <usize>i))) i++;
        flags = endCell(cell, s, i, flags, base);
      }
      cell++;
      if (i >= n) {
        if (!final) return recStart;
        closeRow(recStart, i, i, flags | (cell != width ? RAGGED : 0), base);
        return i;
      }
      const c = load<u8>(WINDOW + <usize>i);
      if (c == COMMA) {
        i++;
        if (simd) {
          const run = commaRun(i);
          if (run > 0) {
            keepEmptyCells(cell, i, run, base);
            cell += run;
            i += run;
          }
        }
        continue;
      }
      let next = i + 1;
      if (c == CR) {
        if (i + 1 < n) {
          if (load<u8>(WINDOW + <usize>(i + 1)) == LF) next = i + 2;
        } else if (!final) return recStart;
      }
      closeRow(recStart, i, next, flags | (cell != width ? RAGGED : 0), base);
      i = next;
      break;
    }
  }
  return i;
}

/**
 * Offset of the first `"` (`separators` false) or `,` `\n` `\r` (true) at or after `i`, or `n`
 * when there is none before `n`; 16 bytes at a time.
 */
@inline function findFirst(i: i32, n: i32, separators: bool): i32 {
  while (i < n) {
    const v = v128.load(WINDOW + <usize>i);
    const m = separators ? <i32>sepMask(v) : i8x16.bitmask(i8x16.eq(v, i8x16.splat(QUOTE)));
    if (m != 0) {
      const r = i + ctz(m);
      return r < n ? r : n;
    }
    i += 16;
  }
  return n;
}

/**
 * The number of `,` from `i` on: each ends an empty cell. Splunkd sends a `__mv_` column per field,
 * empty unless the field is multivalue: on the benchmark's narrow rows 19 of the 38 cells are such
 * a run (`,,,...`), walked here 16 at a time instead of cell by cell.
 */
@inline function commaRun(i: i32): i32 {
  let run = 0;
  let k = 16;
  while (k == 16) {
    k = ctz(~i8x16.bitmask(i8x16.eq(v128.load(WINDOW + <usize>(i + run)), i8x16.splat(COMMA))));
    run += k;
  }
  return run;
}

/** Empty cells `cell` .. `cell + run - 1`, the first at window offset `at`: their kept ranges (an empty cell holds no key word). */
@inline function keepEmptyCells(cell: i32, at: i32, run: i32, base: i32): void {
  const end = min(cell + run, columnLimit);
  for (let c = cell; c < end; c++) {
    const slot = load<i32>(COLUMNS + (<usize>c << 2)) >> 1;
    if (slot != 0) {
      const p = at + (c - cell);
      const to = rowPtr(count) + 16 + (<usize>(slot - 1) << 3);
      store<i32>(to, p + base);
      store<i32>(to, p + base, 4);
    }
  }
}

@inline function sepMask(v: v128): u64 {
  const m = v128.or(v128.or(i8x16.eq(v, i8x16.splat(COMMA)), i8x16.eq(v, i8x16.splat(LF))), i8x16.eq(v, i8x16.splat(CR)));
  return <u64>(<u32>i8x16.bitmask(m));
}
