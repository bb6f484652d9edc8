import { EventView, FieldColumns, RowCells, RowView } from '../events/eventView';
import { EventXmlError, KeptFields, VIEW_SYSTEM_KEYS, windowsEventView } from '../events/windowsEventXml';
import { readWindowsEvent } from '../events/readWindowsEvent';
import type { InspectorMessage } from '../protocol/session';
import { allSourceFieldNames } from '../events/fieldAliases';

/**
 * What is worth decoding from `_raw`: the `Data` named as any field the detection reads (all
 * aliases), and the System values the event view reads.
 */
const RAW_FIELDS: KeptFields = { data: new Set(allSourceFieldNames()), system: VIEW_SYSTEM_KEYS };

/**
 * Per chunk: turns each row into the {@link EventView} the detection reads — the row's extracted
 * fields, or, with raw=true, its `_raw` XmlWinEventLog when the row has no extracted detection field.
 * Counts rows whose `_raw` is not a Windows event XML (they are scored as having no fields).
 */
export class RowEvents {
  /** Rows so far whose `_raw` could not be read. */
  unreadableRaw = 0;
  /** Rows so far whose `_raw` was refused as unsafe XML (events/xmlSafety.ts), and the first reason. */
  unsafeRaw = 0;
  private unsafeReason = '';
  private readonly view: RowView;

  /** @param rawIndex column of `_raw` when raw=true, else -1 */
  constructor(
    readonly columns: FieldColumns,
    private readonly rawIndex: number,
    cells: RowCells,
  ) {
    this.view = new RowView(columns, cells);
  }

  /** The event of one row; valid until the next call. */
  eventOf(cells: RowCells): EventView {
    this.view.moveTo(cells);
    const raw = this.rawIndex;
    if (raw >= 0 && !cells.isEmpty(raw) && !this.columns.cellsHaveFields(cells)) {
      try {
        return windowsEventView(readWindowsEvent(cells.text(raw), RAW_FIELDS));
      } catch (error) {
        if (!(error instanceof EventXmlError)) throw error;
        if (error.unsafe) {
          this.unsafeRaw++;
          this.unsafeReason ||= error.message;
        } else {
          this.unreadableRaw++;
        }
      }
    }
    return this.view;
  }

  /** Adds the counts of rows read elsewhere (a helper thread's half of the chunk). */
  absorb(counts: { unreadableRaw: number; unsafeRaw: number; unsafeReason: string }): void {
    this.unreadableRaw += counts.unreadableRaw;
    this.unsafeRaw += counts.unsafeRaw;
    this.unsafeReason ||= counts.unsafeReason;
  }

  /** The first reason a `_raw` was refused as unsafe ('' for none). */
  get firstUnsafeReason(): string {
    return this.unsafeReason;
  }

  /**
   * WARN messages for a chunk of `rows` rows: one counting rows whose `_raw` could not be read, one
   * counting rows whose `_raw` was refused as unsafe XML (DTD, nesting, attribute size), and one when the chunk has none of the fields the command reads (and raw=true found no `_raw`).
   */
  warnings(rows: number): InspectorMessage[] {
    const messages: InspectorMessage[] = [];
    if (this.unreadableRaw > 0) {
      messages.push([
        'WARN',
        `idetunnelscore: ${this.unreadableRaw} of ${rows} rows had a _raw that is not a Windows event XML; they pass through with zero scores`,
      ]);
    }
    if (this.unsafeRaw > 0) {
      messages.push([
        'WARN',
        `idetunnelscore: ${this.unsafeRaw} of ${rows} rows had a _raw XML that was not parsed (first: ${this.unsafeReason}); they pass through with zero scores`,
      ]);
    }
    if (rows > 0 && !this.columns.anyPresent && this.rawIndex < 0) {
      messages.push([
        'WARN',
        'idetunnelscore: none of the fields it reads (Image, CommandLine, process_path, process, ...) are in these events; ' +
          'install the Splunk Add-on for Sysmon on the search head, or pass raw=true to read XmlWinEventLog _raw',
      ]);
    }
    return messages;
  }
}
