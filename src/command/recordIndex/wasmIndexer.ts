import type { IndexPlan, RecordIndexer, RecordTable } from './contract';
import kernelBytes from './kernel/recordIndex.wasm';

/**
 * The part of the WebAssembly JS API the indexer uses (declared here: neither ES2022's lib nor
 * @types/node 18 declare the `WebAssembly` global).
 */
export interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

/** Options for tests and the benchmark. */
export interface WasmIndexerOptions {
  /** The WebAssembly namespace to use (default: the global one); null simulates a runtime without it. */
  webAssembly?: WebAssemblyApi | null;
  /** Bytes copied into WASM memory per kernel call (default 256 KiB; grown for a longer record). */
  windowBytes?: number;
  /**
   * The kernel's walk over the CSV (tests, benchmark): `simd` (default: its searches for the closing
   * quote / the next separator 16 bytes at a time) or `bytes` (byte by byte: the reference).
   */
  walk?: Walk;
}

/** See {@link WasmIndexerOptions.walk}. */
export type Walk = 'simd' | 'bytes';
const WALK_CODES: Record<Walk, number> = { simd: 0, bytes: 1 };

/** The kernel's exports (src/command/recordIndex/kernel/recordIndex.ts). */
interface Kernel {
  memory: { buffer: ArrayBuffer };
  layoutOk(): number;
  wordBytesPtr(): number;
  wordLenPtr(): number;
  wordSetsPtr(): number;
  columnsPtr(): number;
  columnSetsPtr(): number;
  tablePtr(): number;
  windowPtr(): number;
  recordCount(): number;
  maxColumns(): number;
  maxWords(): number;
  maxWordBytes(): number;
  maxWordSets(): number;
  reserveWindow(capacity: number): number;
  setWords(count: number): void;
  setPlan(columnLimit: number, width: number, keeps: number): void;
  setByteSlot(slot: number): void;
  scan(n: number, final: number, base: number, walk: number): number;
}

const DEFAULT_WINDOW_BYTES = 256 << 10;
/** A record longer than this is left to CsvCursor (the window would stay this large in WASM memory). */
const MAX_WINDOW_BYTES = 64 << 20;
/** Offsets are i32 in the kernel. */
const MAX_BODY_BYTES = 0x7fffffff - MAX_WINDOW_BYTES;

/**
 * A {@link RecordIndexer} running the WebAssembly SIMD kernel (src/command/recordIndex/kernel/recordIndex.ts,
 * compiled by `npm run build`, embedded in the bundle). The body is copied into WASM memory one
 * window at a time (256 KiB; the record cut by a window's end is read again in the next), so WASM
 * memory stays ~0.6 MiB whatever the chunk size (grown only for a record longer than the window).
 * Window and table were 1 MiB each: the same speed, and with `--threads=2` (an indexer per thread)
 * narrow 1M peaked at 205-207 MB against 200-202 now and 199-200 with JsRecordIndexer (bound 210).
 *
 * Word sets: a plan's screened column names one of `wordSets` (its index: contract.ts ScreenedColumn);
 * its cell counts as holding a key word only for a word of that set. The kernel keeps one table of
 * every distinct word, each with the mask of its sets (a word of two sets is one entry), so a cell is
 * searched once whatever its sets.
 *
 * Measured (bench/recordIndex.ts; narrow 100,000 real Sysmon EID 1 rows, ~897 bytes and 42 columns a
 * row; the command's plan: 22 screened columns in 5 word sets, 4 kept, 28 distinct words; a loaded
 * machine, BENCHMARKS.md "Issue 12: per-column word sets"): ~690 ns/row (~450 without the screen)
 * against ~950 for CsvCursor walking the records and ~2,400 for that walk plus decoding
 * Image/CommandLine/OriginalFileName and the screen's regexes (detection/screen.ts). On a quiet
 * machine (an earlier plan of 14 columns, one word list): ~285 against ~430 and ~1,140.
 *
 * @param wordSets key-word sets, 1 to 16, each of 1 or more words: lower-case ASCII, each 4 to 255
 *   bytes (at most 64 distinct words, 4,096 bytes together, across all sets).
 * @returns null when WebAssembly or its SIMD proposal is unavailable (Node 18.20 and 20 have both).
 * @throws RangeError for word sets outside those limits.
 */
export function createWasmIndexer(wordSets: readonly (readonly string[])[], options: WasmIndexerOptions = {}): RecordIndexer | null {
  const wasm = options.webAssembly === undefined ? (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly : options.webAssembly;
  if (!wasm) return null;
  let kernel: Kernel;
  try {
    if (!wasm.validate(kernelBytes)) return null;
    kernel = new wasm.Instance(new wasm.Module(kernelBytes), {}).exports as unknown as Kernel;
  } catch {
    return null;
  }
  if (!kernel.layoutOk()) return null;
  const windowBytes = options.windowBytes ?? DEFAULT_WINDOW_BYTES;
  if (!kernel.reserveWindow(windowBytes)) return null;
  loadWords(kernel, wordSets);
  return new WasmRecordIndexer(kernel, windowBytes, WALK_CODES[options.walk ?? 'simd'], wordSets.length);
}

/** Writes each distinct word of the sets once, with the mask of the sets holding it, and builds the kernel's tables. */
function loadWords(kernel: Kernel, wordSets: readonly (readonly string[])[]): void {
  if (wordSets.length === 0 || wordSets.length > kernel.maxWordSets()) throw new RangeError(`key words: 1 to ${kernel.maxWordSets()} word sets, got ${wordSets.length}`);
  const masks = new Map<string, number>();
  wordSets.forEach((set, id) => {
    if (set.length === 0) throw new RangeError(`key words: word set ${id} is empty`);
    for (const word of set) masks.set(word, (masks.get(word) ?? 0) | (1 << id));
  });
  const words = [...masks.keys()];
  if (words.length > kernel.maxWords()) throw new RangeError(`key words: at most ${kernel.maxWords()} distinct words, got ${words.length}`);
  const bytes = Buffer.from(words.join(''), 'latin1');
  if (bytes.length > kernel.maxWordBytes()) throw new RangeError(`key words: at most ${kernel.maxWordBytes()} bytes together`);
  // Sorted by their reversed text: words that end alike share a fingerprint bucket (kernel setWords).
  const reversed = (word: string): string => [...word].reverse().join('');
  const sorted = words.sort((a, b) => (reversed(a) < reversed(b) ? -1 : reversed(a) > reversed(b) ? 1 : 0));
  const memory = Buffer.from(kernel.memory.buffer);
  const lengths = new Int32Array(kernel.memory.buffer, kernel.wordLenPtr(), sorted.length);
  const sets = new Int32Array(kernel.memory.buffer, kernel.wordSetsPtr(), sorted.length);
  let at = kernel.wordBytesPtr();
  sorted.forEach((word, w) => {
    if (!/^[\x20-\x40\x5b-\x7e]{4,255}$/.test(word)) throw new RangeError(`key word ${JSON.stringify(word)}: lower-case printable ASCII, 4 to 255 bytes`);
    lengths[w] = word.length;
    sets[w] = masks.get(word) as number;
    at += memory.write(word, at, 'latin1');
  });
  kernel.setWords(sorted.length);
}

class WasmRecordIndexer implements RecordIndexer {
  private out = new Int32Array(0);

  constructor(
    private readonly kernel: Kernel,
    private windowBytes: number,
    private readonly walk: number,
    private readonly wordSetCount: number,
  ) {}

  /**
   * See {@link RecordIndexer.index}; `data` is this indexer's own memory (a copy out of WASM memory),
   * valid until its next call. Also null when the plan has more than 4,096 columns or a record is
   * longer than 64 MiB.
   * @throws RangeError when `from` is not an offset in the body, or the plan holds a negative or non-integer column or a word set the indexer was not made with
   */
  index(body: Buffer, from: number, plan: IndexPlan): RecordTable | null {
    const kernel = this.kernel;
    if (!Number.isInteger(from) || from < 0 || from > body.length) throw new RangeError(`from ${from}: not a byte offset in the ${body.length}-byte body`);
    const stride = 4 + 2 * plan.keep.length;
    if (!this.setPlan(plan) || body.length > MAX_BODY_BYTES) return null;
    let count = 0;
    let pos = from;
    const total = body.length;
    while (pos < total) {
      const n = Math.min(this.windowBytes, total - pos);
      const final = pos + n === total;
      new Uint8Array(kernel.memory.buffer, kernel.windowPtr(), n).set(body.subarray(pos, pos + n));
      const consumed = kernel.scan(n, final ? 1 : 0, pos, this.walk);
      if (consumed < 0) return null;
      const records = kernel.recordCount();
      if (records > 0) {
        this.ensure((count + records) * stride);
        this.out.set(new Int32Array(kernel.memory.buffer, kernel.tablePtr(), records * stride), count * stride);
        count += records;
      }
      if (consumed === 0) {
        // A record longer than the window: grow it (the record is read again from its start).
        if (final || this.windowBytes >= MAX_WINDOW_BYTES) return null;
        const larger = Math.min(this.windowBytes * 2, MAX_WINDOW_BYTES);
        if (!kernel.reserveWindow(larger)) return null;
        this.windowBytes = larger;
        continue;
      }
      pos += consumed;
    }
    return { count, stride, data: this.out.subarray(0, count * stride) };
  }

  /**
   * Writes the plan's column flags (bit 0 screen, bits 1.. keep slot + 1) and each screened column's
   * word-set mask (bit s: word set s); false if there are too many columns.
   */
  private setPlan(plan: IndexPlan): boolean {
    const kernel = this.kernel;
    const screened = plan.screen.map((s) => s.column);
    for (const column of [plan.width, ...screened, ...plan.keep]) {
      if (!Number.isInteger(column) || column < 0) throw new RangeError(`plan ${JSON.stringify(plan)}: widths and columns are integers >= 0`);
    }
    for (const { wordSet } of plan.screen) {
      if (!Number.isInteger(wordSet) || wordSet < 0 || wordSet >= this.wordSetCount) throw new RangeError(`plan ${JSON.stringify(plan)}: word sets are 0 to ${this.wordSetCount - 1}`);
    }
    const columnLimit = Math.max(plan.width, ...screened.map((c) => c + 1), ...plan.keep.map((c) => c + 1));
    if (columnLimit > kernel.maxColumns()) return false;
    const flags = new Int32Array(kernel.memory.buffer, kernel.columnsPtr(), columnLimit);
    const sets = new Int32Array(kernel.memory.buffer, kernel.columnSetsPtr(), columnLimit);
    flags.fill(0);
    sets.fill(0);
    for (const { column, wordSet } of plan.screen) {
      flags[column] |= 1;
      sets[column] |= 1 << wordSet;
    }
    plan.keep.forEach((column, slot) => {
      flags[column] |= (slot + 1) << 1;
    });
    kernel.setPlan(columnLimit, plan.width, plan.keep.length);
    if (plan.byteColumn !== undefined && !plan.keep.includes(plan.byteColumn)) throw new RangeError(`plan ${JSON.stringify(plan)}: byteColumn must be kept`);
    kernel.setByteSlot(plan.byteColumn === undefined ? -1 : plan.keep.indexOf(plan.byteColumn));
    return true;
  }

  private ensure(size: number): void {
    if (size <= this.out.length) return;
    const next = new Int32Array(Math.max(size, this.out.length * 2, 1024));
    next.set(this.out);
    this.out = next;
  }
}
