/**
 * Scoring through a record index (src/command/indexedRecords.ts) gives exactly the reply of
 * scoring every record with the cursor: rows the index answers without decoding (no key word in
 * the screened cells) and rows it hands to the cursor must not differ from the plain path, with
 * every alias and `__mv_` arrangement of the key-word fields and of EventCode.
 */
import { readdirSync, statSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { readEvents } from '../../src/readers/readEvents';
import { IndexedRecords, indexPlanOf } from '../../src/command/recordIndex/indexedRecords';
import { FieldColumns } from '../../src/events/eventView';
import { CommandOptions, DEFAULT_OPTIONS } from '../../src/command/options';
import { ReplyScratch, scoreCsvBytes } from '../../src/command/scoreCsvBytes';
import { encodeMultivalue, writeCsvBody } from '../../src/protocol/csvBody';
import { CsvCursor } from '../../src/protocol/csvCursor';
import { ProtocolError } from '../../src/protocol/errors';
import { KEY_WORD, RAGGED, RecordIndexer } from '../../src/command/recordIndex/contract';
import { JsRecordIndexer } from '../helpers/jsRecordIndexer';
import { createWasmIndexer } from '../../src/command/recordIndex/wasmIndexer';
import { QUIET_WORD_SETS } from '../../src/command/recordIndex/wordSets';
import { describeWithShared, sharedPath } from '../helpers/shared';

const OPTIONS: CommandOptions[] = [DEFAULT_OPTIONS, { ...DEFAULT_OPTIONS, threshold: 0, explain: 'short' }];

/** Replies with the indexer and with none, into a reply buffer and in place (a BAD_CSV error as its message). */
function replies(body: Buffer, options: CommandOptions, indexer: RecordIndexer | null): string[] {
  const room = Buffer.alloc(body.length * 2 + 64);
  body.copy(room);
  const reply = (run: () => ReturnType<typeof scoreCsvBytes>): string => {
    try {
      const r = run();
      return `${r.body.toString('utf8')}\n${JSON.stringify(r.messages)}`;
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      return `${error.code}: ${error.message}`;
    }
  };
  return [
    reply(() => scoreCsvBytes(Buffer.from(body), options, new ReplyScratch(), undefined, indexer)),
    reply(() => scoreCsvBytes(room.subarray(0, body.length), options, new ReplyScratch(), room, indexer)),
  ];
}

/** Counts the records the index answered without the cursor. */
function countQuiet(): { answered: () => number; restore: () => void } {
  let answered = 0;
  const original = IndexedRecords.prototype.quietOutput;
  const spy = jest.spyOn(IndexedRecords.prototype, 'quietOutput').mockImplementation(function (this: IndexedRecords, r, options) {
    const out = original.call(this, r, options);
    if (out) answered++;
    return out;
  });
  return { answered: () => answered, restore: () => spy.mockRestore() };
}

/** The indexers the command may use: the WebAssembly one (its default) and the JavaScript reference. */
const INDEXERS: RecordIndexer[] = [createWasmIndexer(QUIET_WORD_SETS.sets) as RecordIndexer, new JsRecordIndexer(QUIET_WORD_SETS.sets)];

function expectSameReplies(body: Buffer): void {
  for (const indexer of INDEXERS) {
    for (const options of OPTIONS) expect(replies(body, options, indexer)).toEqual(replies(body, options, null));
  }
}

it('the WebAssembly indexer is available here (Node 18+ has WebAssembly SIMD)', () => {
  expect(INDEXERS[0]).not.toBeNull();
});

/** Every alias of the fields the index reads, each with its `__mv_` column (splunkd's narrow shape). */
const ALIAS_COLUMNS = [
  'Image', 'process_path', 'CommandLine', 'process', 'OriginalFileName', 'original_file_name', 'process_name', 'NewProcessName',
  'EventCode', 'EventID', 'signature_id', 'ParentImage', 'ParentCommandLine', 'QueryName', 'TargetFilename', 'TargetObject',
];

const VALUES = [
  '', '', 'C:\\Windows\\System32\\cmd.exe', 'C:\\Users\\bob\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', 'code-tunnel.exe',
  'code.exe tunnel --accept-server-license-terms', 'COdE', 'vscodium', 'pwsh -e ZQBjAGgAbwA=', 'notepad "a,b" ""q""', 'line1\nline2',
  '$x$;$y$', 'GitHub', 'x.devtunnels.ms', 'HKU\\S-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\x', 'ſ', '\u212a', 'ท',
  '1', '4688', '3', '22', '12', '10', ' 1 ', 'svchost.exe -k netsvcs', 'remote-dev-server.sh run',
];
const cell = fc.oneof(fc.constantFrom(...VALUES), fc.array(fc.constantFrom(...VALUES), { maxLength: 3 }).map((parts) => parts.join('')));
const multivalue = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 }).map((values) => encodeMultivalue(values)) },
);
const body = fc
  .tuple(fc.subarray(ALIAS_COLUMNS, { minLength: 1 }), fc.boolean(), fc.integer({ min: 1, max: 12 }))
  .chain(([names, withMultivalue, rows]) => {
    const header = withMultivalue ? [...names, ...names.map((n) => `__mv_${n}`)] : names;
    const row = fc.tuple(fc.array(cell, { minLength: names.length, maxLength: names.length }), fc.array(multivalue, { minLength: names.length, maxLength: names.length }));
    return fc.array(row, { minLength: rows, maxLength: rows }).map((table) => ({
      header,
      rows: table.map(([plain, multi]) => (withMultivalue ? [...plain, ...multi] : plain)),
    }));
  })
  .map((table) => Buffer.from(writeCsvBody(table), 'utf8'));

describe('scoring through the record index', () => {
  it('gives the reply of the cursor path on random bodies of the key-word fields, their aliases and __mv_ columns', () => {
    const counter = countQuiet();
    try {
      fc.assert(fc.property(body, (b) => expectSameReplies(b)), { numRuns: 3_000 });
      expect(counter.answered()).toBeGreaterThan(2_000);
    } finally {
      counter.restore();
    }
  });

  it('reads the alias EventView.values reads: a key word in process_path counts when Image is empty', () => {
    const table = { header: ['Image', 'process_path', 'EventCode'], rows: [['', 'C:\\x\\code-tunnel.exe', '1'], ['C:\\x\\cmd.exe', 'C:\\x\\code-tunnel.exe', '1']] };
    const b = Buffer.from(writeCsvBody(table));
    expectSameReplies(b);
    // The first row is scored as code-tunnel (the cursor path), the second as cmd.exe (the index answers it).
    const reply = scoreCsvBytes(b, DEFAULT_OPTIONS, new ReplyScratch(), undefined, INDEXERS[0]);
    const lines = reply.body.toString('utf8').split('\n');
    expect(lines[1]).toContain(',1,'); // IsCodeCLI
    expect(lines[2]).toMatch(/,0,0,0,0,0,0,0,informational,/);
  });

  it('screens each column for its own field\'s words: `powershell` only in ParentImage is no key word, `servers` there is', () => {
    const header = ['Image', 'process_path', 'CommandLine', 'ParentImage', 'ParentCommandLine', 'EventCode', '__mv_ParentImage'];
    const cmd = 'C:\\Windows\\System32\\cmd.exe';
    const rows = [
      [cmd, cmd, 'cmd.exe /c dir', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell.exe -nop -c code', '1', ''],
      [cmd, cmd, 'cmd.exe /c dir', 'C:\\Users\\x\\.vscode\\cli\\servers\\Stable-1\\server\\node.exe', 'node.exe', '1', ''],
      [cmd, cmd, 'cmd.exe /c dir', 'C:\\x\\explorer.exe', 'explorer.exe servers', '1', ''], // `servers` is no ParentCommandLine word
      [cmd, cmd, 'cmd.exe /c dir', 'C:\\x\\Code.exe', 'Code.exe tunnel', '1', ''], // `tunnel` is one
      [cmd, cmd, 'cmd.exe /c dir', '', '', '1', encodeMultivalue(['C:\\x\\Cursor.exe', 'C:\\y\\servers\\node'])],
      [cmd, cmd, 'cmd.exe /c dir', '', '', '1', encodeMultivalue(['C:\\x\\Cursor.exe', 'C:\\y\\pwsh.exe'])],
      ['C:\\x\\servers.exe', 'C:\\x\\servers.exe', 'servers', 'C:\\x\\explorer.exe', '', '1', ''], // `servers` in Image, process_path and CommandLine: no word of theirs
    ];
    const b = Buffer.from(writeCsvBody({ header, rows }));
    expectSameReplies(b);
    const cursor = new CsvCursor(b);
    cursor.next();
    const plan = indexPlanOf(new FieldColumns(header), header.length);
    for (const indexer of INDEXERS) {
      const table = indexer.index(b, cursor.position, plan)!;
      const flags = Array.from({ length: table.count }, (_, r) => table.data[r * table.stride + 3] & KEY_WORD);
      expect(flags).toEqual([0, KEY_WORD, 0, KEY_WORD, KEY_WORD, 0, 0]);
    }
  });

  it('gives the same BAD_CSV error with the index and without, on a ragged row and on bad CSV', () => {
    for (const text of ['Image,EventCode\nC:\\a.exe,1\nC:\\b.exe\n', 'Image,EventCode\n"C:\\a.exe,1\n', 'Image,EventCode\nC:\\a.exe,1\n"x"y,1\n']) {
      expectSameReplies(Buffer.from(text));
    }
  });
});

describe('JsRecordIndexer (the reference record index)', () => {
  const indexer = new JsRecordIndexer([['code', 'tunnel', '--cli']]);
  it('reports CsvCursor\'s record ranges, RAGGED, KEY_WORD in screened cells (any ASCII case) and kept cell ranges', () => {
    const text = 'a,b,c\r\n"x,CoDe",y,z\nq,"tun""nel",TUNNEL\n1,2\n"--CLI",,\n';
    const b = Buffer.from(text);
    const cursor = new CsvCursor(b);
    cursor.next();
    const table = indexer.index(b, cursor.position, { width: 3, screen: [{ column: 0, wordSet: 0 }, { column: 1, wordSet: 0 }], keep: [2] })!;
    expect(table.count).toBe(4);
    const records: [string, number, string][] = [];
    for (let r = 0; r < table.count; r++) {
      const at = r * table.stride;
      const [start, end, , flags, keepStart, keepEnd] = table.data.subarray(at, at + table.stride);
      records.push([b.toString('utf8', start, end), flags, keepStart < 0 ? '-' : b.toString('utf8', keepStart, keepEnd)]);
    }
    expect(records).toEqual([
      ['"x,CoDe",y,z', KEY_WORD, 'z'],
      ['q,"tun""nel",TUNNEL', 0, 'TUNNEL'], // `tun""nel` is not `tunnel`; column 2 is not screened
      ['1,2', RAGGED, '-'],
      ['"--CLI",,', KEY_WORD, ''],
    ]);
  });

  it('flags a cell only for a word of its column\'s set', () => {
    const sets = new JsRecordIndexer([['code'], ['tunnel'], ['code', 'servers']]);
    const b = Buffer.from('code,tunnel,x\ntunnel,code,x\nx,x,servers\nx,x,CODE\nx,x,tunnel\n');
    const table = sets.index(b, 0, { width: 3, screen: [{ column: 0, wordSet: 0 }, { column: 1, wordSet: 1 }, { column: 2, wordSet: 2 }], keep: [] })!;
    expect(Array.from({ length: table.count }, (_, r) => table.data[r * table.stride + 3])).toEqual([KEY_WORD, 0, KEY_WORD, KEY_WORD, 0]);
  });

  it('declines a body CsvCursor finds malformed', () => {
    expect(indexer.index(Buffer.from('a\n"open'), 2, { width: 1, screen: [{ column: 0, wordSet: 0 }], keep: [] })).toBeNull();
  });
});

describeWithShared('scoring through the record index on real events (../shared/data)', () => {
  function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : /\.(jsonl|json|log)$/.test(name) ? [full] : [];
    });
  }

  it('gives the reply of the cursor path on every real event, in splunkd\'s narrow shape with aliases and __mv_ columns', async () => {
    const names = ['Image', 'process_path', 'CommandLine', 'process', 'OriginalFileName', 'original_file_name', 'ParentImage', 'ParentCommandLine', 'User', 'EventCode', 'signature_id', 'process_name', 'QueryName', 'TargetFilename', 'TargetObject'];
    const source: Record<string, string> = { process_path: 'Image', process: 'CommandLine', original_file_name: 'OriginalFileName', signature_id: 'EventCode' };
    const rows: string[][] = [];
    for (const file of filesUnder(sharedPath('data'))) {
      try {
        for await (const event of readEvents(file)) {
          const plain = names.map((n) => event.fields[source[n] ?? n] ?? (n === 'process_name' ? path.win32.basename(event.fields.Image ?? '') : ''));
          rows.push([...plain, ...names.map(() => '')]);
        }
      } catch {
        // files no reader takes (the prefilter test counts them)
      }
    }
    expect(rows.length).toBeGreaterThan(5000);
    const b = Buffer.from(writeCsvBody({ header: [...names, ...names.map((n) => `__mv_${n}`)], rows }), 'utf8');
    const counter = countQuiet();
    try {
      expectSameReplies(b);
      expect(counter.answered()).toBeGreaterThan(rows.length);
    } finally {
      counter.restore();
    }
  }, 120_000);
});
