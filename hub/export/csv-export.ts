import type { ExportRow } from './export-rows.js';

export const CSV_HEADER = 'time,metric,value,unit,device,time_source,flags\r\n';

/** U+FEFF at the start of the file: Excel reads the file as UTF-8 only when it sees it. */
export const UTF8_BOM = '\uFEFF';

export interface CsvOptions {
  /** Starts the file with the byte-order mark, so Excel shows `°C` and `kg/m²` as written. */
  readonly bom?: boolean;
}

/**
 * A text cell: RFC 4180 quoting, and a leading quote mark where a spreadsheet would run the text
 * as a formula (a device name such as `=HYPERLINK(…)`).
 */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A number cell, never guarded: a leading minus is a negative value, not a formula, and a reader
 * (a spreadsheet, pandas, R) must find a number there. The gate lets only finite values in.
 */
function numberCell(value: number): string {
  return String(value);
}

export function csvLine(row: ExportRow): string {
  const cells = [csvCell(new Date(row.ts).toISOString()), csvCell(row.metric), numberCell(row.value), csvCell(row.unit), csvCell(row.deviceId), csvCell(row.tsSource), csvCell(row.flags.join(' '))];
  return `${cells.join(',')}\r\n`;
}

/** The export as CSV text pieces: the byte-order mark when asked for, the header, then one line per reading. */
export function* csvExport(rows: Iterable<ExportRow>, options: CsvOptions = {}): Generator<string> {
  if (options.bom === true) yield UTF8_BOM;
  yield CSV_HEADER;
  for (const row of rows) yield csvLine(row);
}
