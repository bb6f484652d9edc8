/**
 * A plain-text table that fits a terminal width, written batch by batch (so output can stream):
 * column widths are set from the first batch (each column's widest value in its first
 * {@link LAYOUT_ROWS} rows, between its `min` and `max`), then the widest shrinkable columns give
 * way until the line fits. Widths are characters
 * (UTF-16 code units; wide East Asian characters count as one).
 */

/** How a column's text gives way when the column is narrower than the text. */
export type Overflow =
  /** cut at the end with `…` */
  | 'end'
  /** cut at the start with `…` (paths: the file name stays) */
  | 'start'
  /** wrapped onto further lines of the row, at spaces where possible */
  | 'wrap'
  /** never cut: the column is always as wide as its widest value (scores) */
  | 'never';

/** One column of a {@link FittedTable}. */
export interface TableColumn<Row> {
  header: string;
  /** The cell's text (line breaks and tabs become spaces). */
  value(row: Row): string;
  /** Narrowest the column shrinks to (characters). */
  min: number;
  /** Widest the column grows to (characters); default unlimited. */
  max?: number;
  overflow: Overflow;
  align?: 'left' | 'right';
  /**
   * When the columns do not fit at their minimum widths, the `below` columns leave the line and are
   * written under their row instead, indented by 4 and wrapped to the width: unlabelled ones joined
   * with ` · ` in one paragraph, then each `belowLabel` one in its own, after its header.
   */
  below?: boolean;
  belowLabel?: boolean;
  /** Colours the padded cell text (ANSI); the text's width must not change. */
  style?(text: string, row: Row): string;
}

/** Rows of the first batch whose values set the column widths (layout time stays small for any batch). */
export const LAYOUT_ROWS = 10000;

/** Spaces between columns. */
const GAP = '  ';
const BELOW_INDENT = 4;

/** A table of rows written in batches to `write`, fitting `width` characters a line. */
export class FittedTable<Row> {
  private widths: number[] | null = null;
  private shown: TableColumn<Row>[] = [];
  private belowColumns: TableColumn<Row>[] = [];

  constructor(
    private readonly columns: readonly TableColumn<Row>[],
    private readonly width: number,
    private readonly write: (text: string) => void,
    private readonly headerStyle: (text: string) => string = (text) => text,
  ) {}

  /** Writes a batch of rows (the header before the first batch). */
  rows(rows: readonly Row[]): void {
    if (!this.widths) this.layout(rows);
    let out = '';
    for (const row of rows) {
      out += this.renderRow(row);
      if (out.length > 65536) {
        this.write(out);
        out = '';
      }
    }
    if (out !== '') this.write(out);
  }

  /** Ends the table (writes the header of an empty one). */
  end(): void {
    if (!this.widths) this.rows([]);
  }

  private layout(rows: readonly Row[]): void {
    const natural = this.columns.map((c) => {
      let widest = c.header.length;
      for (let r = 0; r < rows.length && r < LAYOUT_ROWS; r++) {
        const row = rows[r];
        const length = cellText(c.value(row)).length;
        if (length > widest) widest = length;
      }
      return c.overflow === 'never' ? widest : Math.max(Math.min(c.min, widest), Math.min(widest, c.max ?? Infinity));
    });
    const minimum = (columns: readonly TableColumn<Row>[]) =>
      columns.reduce((sum, c) => sum + (c.overflow === 'never' ? natural[this.columns.indexOf(c)] : c.min), 0) + GAP.length * (columns.length - 1);
    this.shown = [...this.columns];
    if (minimum(this.shown) > this.width) {
      this.belowColumns = this.columns.filter((c) => c.below);
      this.shown = this.columns.filter((c) => !c.below);
    }
    const widths = this.shown.map((c) => natural[this.columns.indexOf(c)]);
    let total = widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
    while (total > this.width) {
      let pick = -1;
      for (let i = 0; i < widths.length; i++) {
        const c = this.shown[i];
        if (c.overflow === 'never' || widths[i] <= c.min) continue;
        if (pick < 0 || widths[i] - c.min > widths[pick] - this.shown[pick].min) pick = i;
      }
      if (pick < 0) break;
      widths[pick]--;
      total--;
    }
    this.widths = widths;
    const header = this.shown.map((c, i) => pad(fitOneLine(c.header, widths[i], 'end'), widths[i], c.align)).join(GAP).trimEnd();
    this.write(this.headerStyle(header) + '\n');
  }

  private renderRow(row: Row): string {
    const widths = this.widths as number[];
    const cells = this.shown.map((c, i) => {
      const text = cellText(c.value(row));
      return c.overflow === 'wrap' ? wrap(text, widths[i]) : [fitOneLine(text, widths[i], c.overflow)];
    });
    const height = cells.reduce((h, lines) => Math.max(h, lines.length), 1);
    let out = '';
    for (let line = 0; line < height; line++) {
      const parts = this.shown.map((c, i) => {
        const padded = pad(cells[i][line] ?? '', widths[i], c.align);
        return c.style && cells[i][line] !== undefined ? c.style(padded, row) : padded;
      });
      out += parts.join(GAP).trimEnd() + '\n';
    }
    if (this.belowColumns.length === 0) return out;
    const values = this.belowColumns.map((c) => cellText(c.value(row)));
    const paragraphs: { text: string; column: TableColumn<Row> }[] = [];
    const plain = this.belowColumns.filter((c, i) => !c.belowLabel && values[i] !== '');
    if (plain.length > 0) paragraphs.push({ text: plain.map((c) => values[this.belowColumns.indexOf(c)]).join(' · '), column: plain[plain.length - 1] });
    this.belowColumns.forEach((c, i) => {
      if (c.belowLabel && values[i] !== '') paragraphs.push({ text: `${c.header}: ${values[i]}`, column: c });
    });
    for (const { text, column } of paragraphs) {
      for (const line of wrap(text, Math.max(8, this.width - BELOW_INDENT))) {
        out += ' '.repeat(BELOW_INDENT) + (column.style ? column.style(line, row) : line) + '\n';
      }
    }
    return out;
  }
}

/** A cell's text on one line: line breaks and tabs become spaces, other control characters go. */
export function cellText(value: string): string {
  if (!CONTROL.test(value)) return value;
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

/** Fits text into `width` characters (at most), cutting at the end or at the start with an ellipsis. */
export function fitOneLine(text: string, width: number, overflow: Overflow): string {
  if (text.length <= width || overflow === 'never') return text;
  if (width <= 1) return '…'.slice(0, width);
  if (overflow === 'end') return text.slice(0, width - 1) + '…';
  // From the left, starting at a path separator when one is in reach: `…\bin\code-tunnel.exe`.
  const tail = text.slice(text.length - width + 1);
  const separator = tail.search(/[\\/]/);
  return '…' + (separator > 0 ? tail.slice(separator) : tail);
}

/** Wraps text into lines of at most `width` characters, breaking at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) cut = width;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '' || lines.length === 0) lines.push(rest);
  return lines;
}
