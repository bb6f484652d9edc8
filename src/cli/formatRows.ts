/**
 * What the CLI offers other programs for writing rows to a terminal or a pipe (the lab tools'
 * `validate` output): the output formats, the row writers (table fitted to a width, CSV, JSON
 * lines) and the terminal's width and colours. The lab imports the CLI through this file only
 * (test/architecture/imports.test.ts).
 */
export type { OutputFormat } from './records';
export { csvWriter, jsonLinesWriter, tableWriter } from './rowWriters';
export type { RowWriter } from './rowWriters';
export type { TableColumn } from './table';
export { outputTarget, palette } from './terminal';
export type { Palette } from './terminal';
