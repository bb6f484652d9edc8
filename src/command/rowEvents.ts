import { EventView, FieldColumns, RowCells, RowView } from '../events/eventView';
import { EventXmlError, KeptFields, VIEW_SYSTEM_KEYS, windowsEventView } from '../events/windowsEventXml';
import { readWindowsEvent } from '../events/readWindowsEvent';
import type { InspectorMessage } from '../protocol/session';
import { allSourceFieldNames } from '../events/fieldAliases';
import { OutputValues, scoreEvent } from '../detection/scoreEvent';
import type { CommandOptions } from './options';
import { takeTaskContentProblems, TaskContentProblems } from '../events/taskContent';

/**
 * The reason a row read from a cut `_raw` gets in `ide_tunnel_reasons` (explain=short and full),
 * after the detection's own: its score covers only the fields before the cut.
 */
export const TRUNCATED_RAW_REASON =
  '_raw was cut before </Event> (props.conf TRUNCATE, 10,000 bytes by default): scored on the fields before the cut';

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
  /** Rows so far whose `_raw` ended before `</Event>` and were read as far as it went. */
  truncatedRaw = 0;
  /** Whether the event {@link eventOf} returned last was read from a cut `_raw`. */
  private lastTruncated = false;
  /** 4698/4702 TaskContent XMLs of this chunk that could not be read (events/taskContent.ts). */
  private readonly task: TaskContentProblems = { refused: 0, firstReason: '', unreadable: 0 };
  private readonly view: RowView;

  /** @param rawIndex column of `_raw` when raw=true, else -1 */
  constructor(
    readonly columns: FieldColumns,
    private readonly rawIndex: number,
    cells: RowCells,
  ) {
    this.view = new RowView(columns, cells);
    takeTaskContentProblems(); // what earlier chunks (or other callers) left is not this chunk's
  }

  /** The event of one row; valid until the next call. */
  eventOf(cells: RowCells): EventView {
    this.view.moveTo(cells);
    this.lastTruncated = false;
    const raw = this.rawIndex;
    if (raw >= 0 && !cells.isEmpty(raw) && !this.columns.cellsHaveFields(cells)) {
      try {
        const event = readWindowsEvent(cells.text(raw), RAW_FIELDS);
        if (event.truncated) {
          this.truncatedRaw++;
          this.lastTruncated = true;
        }
        return windowsEventView(event);
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

  /**
   * The output fields of one row: scoreEvent of {@link eventOf}, with {@link TRUNCATED_RAW_REASON}
   * added to the reasons when the row's `_raw` was cut (unless explain=none).
   */
  scoreOf(cells: RowCells, options: CommandOptions): OutputValues {
    const values = scoreEvent(this.eventOf(cells), options);
    if (!this.lastTruncated || options.explain === 'none') return values;
    return { ...values, ide_tunnel_reasons: [...values.ide_tunnel_reasons, TRUNCATED_RAW_REASON] };
  }

  /** The TaskContent problems counted since the last call (see takeTaskContentProblems), added to this chunk's. */
  private taskProblems(): TaskContentProblems {
    this.addTaskProblems(takeTaskContentProblems());
    return { ...this.task };
  }

  private addTaskProblems(more: TaskContentProblems): void {
    this.task.refused += more.refused;
    this.task.unreadable += more.unreadable;
    this.task.firstReason ||= more.firstReason;
  }

  /**
   * WARN messages for a chunk of `rows` rows: one counting rows whose `_raw` could not be read, one
   * counting rows whose `_raw` was refused as unsafe XML (DTD, nesting, size), one counting rows
   * read from a cut `_raw`, one each for 4698/4702 TaskContent XMLs refused or unreadable, and one when the chunk has none of the fields the command reads (and raw=true found no `_raw`).
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
    const task = this.taskProblems();
    if (task.refused > 0) {
      messages.push([
        'WARN',
        `idetunnelscore: ${task.refused} of ${rows} rows had a TaskContent XML that was not parsed (first: ${task.firstReason}); their task actions were not scored`,
      ]);
    }
    if (task.unreadable > 0) {
      messages.push(['WARN', `idetunnelscore: ${task.unreadable} of ${rows} rows had a TaskContent that is not a task XML; their task actions were not scored`]);
    }
    if (this.truncatedRaw > 0) {
      messages.push([
        'WARN',
        `idetunnelscore: ${this.truncatedRaw} of ${rows} rows had a _raw cut before </Event> (props.conf TRUNCATE); they are scored on the fields before the cut`,
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
