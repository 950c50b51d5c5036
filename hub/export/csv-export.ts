import type { ExportRow } from './export-rows.js';

export const CSV_HEADER = 'time,metric,value,unit,device,time_source,flags\r\n';

/** RFC 4180 quoting, and a leading quote mark for cells a spreadsheet would run as a formula. */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(row: ExportRow): string {
  return [new Date(row.ts).toISOString(), row.metric, String(row.value), row.unit, row.deviceId, row.tsSource, row.flags.join(' ')].map(csvCell).join(',') + '\r\n';
}

/** The export as CSV text pieces: header first, then one line per reading. */
export function* csvExport(rows: Iterable<ExportRow>): Generator<string> {
  yield CSV_HEADER;
  for (const row of rows) yield csvLine(row);
}
