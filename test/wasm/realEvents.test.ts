import { loadSysmonEid1, type BenchEvent } from '../../bench/lib/sysmonEvents';
import { splunkdCell } from '../../bench/lib/transcripts';
import { KEY_WORD, type IndexPlan } from '../../src/command/recordIndex/contract';
import { indexPlanOf } from '../../src/command/recordIndex/indexedRecords';
import { createWasmIndexer, type Walk } from '../../src/command/recordIndex/wasmIndexer';
import { FieldColumns } from '../../src/events/eventView';
import { describeWithShared, sharedPath } from '../helpers/shared';
import { expectedTable, plainTable, WORD_SETS } from './recordTableOracle';

/** Columns as splunkd sends them to the command: Sysmon names, a CIM alias, EventCode, `_raw` (XmlWinEventLog), a `__mv_` column. */
const COLUMNS = ['Image', 'process_path', 'CommandLine', 'ParentImage', 'ParentCommandLine', 'OriginalFileName', 'User', 'EventCode', '_raw', '__mv_Image'];
/** The command's plan (each screened column with its field's word set), keeping `_raw` too. */
const PLAN: IndexPlan = { ...indexPlanOf(new FieldColumns(COLUMNS), COLUMNS.length), keep: [7, 8], byteColumn: 7 };

function body(events: readonly BenchEvent[], terminator: string): Buffer {
  const value = (event: BenchEvent, column: string): string =>
    column === '_raw' ? event.raw : column === 'process_path' ? event.fields.Image ?? '' : column.startsWith('__mv_') ? '' : event.fields[column] ?? '';
  const rows = events.map((event) => COLUMNS.map((column) => splunkdCell(value(event, column))).join(','));
  return Buffer.from([COLUMNS.join(','), ...rows].join(terminator) + terminator, 'utf8');
}

describeWithShared('createWasmIndexer on the real Sysmon EID 1 events of ../shared/data', () => {
  let events: BenchEvent[] = [];
  beforeAll(async () => {
    events = await loadSysmonEid1(sharedPath('data'));
  });

  for (const walk of ['simd', 'bytes'] as Walk[]) {
    it(`${walk} walk: the same records, ranges and flags as CsvCursor + lower-cased includes (LF and CRLF rows, small and default windows)`, () => {
      expect(events.length).toBeGreaterThan(1000);
      for (const terminator of ['\n', '\r\n']) {
        const bytes = body(events, terminator);
        const from = bytes.indexOf(terminator) + terminator.length;
        const expected = plainTable(expectedTable(bytes, from, PLAN, WORD_SETS));
        expect(expected?.count).toBe(events.length);
        for (const windowBytes of [4096, undefined]) {
          const indexer = createWasmIndexer(WORD_SETS, { walk, windowBytes });
          expect(plainTable(indexer!.index(bytes, from, PLAN))).toEqual(expected);
        }
        // Real events hold key words (the data sets include VS Code and PowerShell process creations).
        const flagged = expected!.rows.filter((row) => (row[3] & KEY_WORD) !== 0).length;
        expect(flagged).toBeGreaterThan(0);
        // Fewer than when every screened column is screened for every field's words (`powershell` in a ParentImage).
        const union: IndexPlan = { ...PLAN, screen: PLAN.screen.map(({ column }) => ({ column, wordSet: 0 })) };
        const unionFlagged = expectedTable(bytes, from, union, [[...new Set(WORD_SETS.flat())]])!;
        let unionCount = 0;
        for (let r = 0; r < unionFlagged.count; r++) if ((unionFlagged.data[r * unionFlagged.stride + 3] & KEY_WORD) !== 0) unionCount++;
        expect(flagged).toBeLessThan(unionCount);
      }
    });
  }
});
