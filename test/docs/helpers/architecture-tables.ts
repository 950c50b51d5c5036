import { METRICS, type MetricDefinition, type PlausibleRange } from '../../../core/metrics.js';
import { formatDecoders } from '../../../drivers/formats.js';

/**
 * The tables of docs/architecture.md that are made from code, so that the page cannot drift from
 * it: the metric catalogue (core/metrics.ts) and the decode format ids (drivers/formats.ts). Each
 * is the first table after its heading; test/docs/architecture-tables.test.ts compares them and
 * write-architecture-tables.ts rewrites them.
 */
export interface GeneratedTable {
  readonly heading: string;
  render(): string;
}

function cell(text: string): string {
  return text === '' ? '—' : text.replace(/\|/g, '\\|');
}

function rejectRange(range: PlausibleRange['reject']): string {
  return `${range.minExclusive === true ? '(' : '['}${range.min}, ${range.max}]`;
}

function kindOf(def: MetricDefinition): string {
  return [def.kind, ...(def.derived === true ? ['derived'] : []), ...(def.nightly === true ? ['nightly'] : []), ...(def.journal === true ? ['journal'] : [])].join(', ');
}

function metricRow(def: MetricDefinition): string {
  const plausible = def.plausible;
  return [
    `\`${def.id}\``,
    cell(def.label),
    cell(def.unit),
    `\`${def.ucum}\``,
    cell(def.loinc ?? ''),
    kindOf(def),
    plausible === undefined ? '—' : rejectRange(plausible.reject),
    plausible?.usual === undefined ? '—' : `[${plausible.usual.min}, ${plausible.usual.max}]`,
    String(def.decimals),
    String(def.displayDecimals),
  ].join(' | ');
}

export const metricCatalogueTable: GeneratedTable = {
  heading: '### Metric catalogue',
  render: () =>
    [
      '| id | label | canonical unit | UCUM | LOINC | kind | kept inside | usual range | decimals kept | decimals shown |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...[...METRICS.values()].map((def) => `| ${metricRow(def)} |`),
    ].join('\n'),
};

export const formatIdTable: GeneratedTable = {
  heading: '#### Format ids',
  render: () =>
    [
      '| format id | what it decodes |',
      '|---|---|',
      ...[...formatDecoders.values()].map((f) => `| \`${f.id}\` | ${cell(f.description)} |`),
    ].join('\n'),
};

export const GENERATED_TABLES: readonly GeneratedTable[] = [metricCatalogueTable, formatIdTable];

/** Where the first table after `heading` sits, as line indices [start, end). */
export function tableLines(lines: readonly string[], heading: string): { start: number; end: number } | undefined {
  const at = lines.findIndex((line) => line.trim() === heading);
  if (at === -1) return undefined;
  let start = at + 1;
  while (start < lines.length && !(lines[start] ?? '').startsWith('|')) {
    if (/^#{1,6}\s/.test(lines[start] ?? '')) return undefined;
    start++;
  }
  if (start >= lines.length) return undefined;
  let end = start;
  while (end < lines.length && (lines[end] ?? '').startsWith('|')) end++;
  return { start, end };
}

export function currentTable(text: string, table: GeneratedTable): string | undefined {
  const lines = text.split('\n');
  const found = tableLines(lines, table.heading);
  return found === undefined ? undefined : lines.slice(found.start, found.end).join('\n');
}

export function withTable(text: string, table: GeneratedTable): string {
  const lines = text.split('\n');
  const found = tableLines(lines, table.heading);
  if (found === undefined) throw new Error(`no table after "${table.heading}"`);
  return [...lines.slice(0, found.start), table.render(), ...lines.slice(found.end)].join('\n');
}
