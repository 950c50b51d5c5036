import { METRICS, type MetricDefinition, type MetricId } from './metrics.js';

export type PlausibilityVerdict = { readonly ok: true; readonly unusual: boolean } | { readonly ok: false; readonly detail: string };

/**
 * The one plausibility check of the catalogue (docs/protocols.md §6): a value outside the metric's
 * hard limits cannot be a human reading and is refused; outside its usual range it is kept and
 * flagged. Decoders, the MQTT input and the ingest gate all ask here.
 */
export function checkPlausible(metric: MetricId, value: number): PlausibilityVerdict {
  const def: MetricDefinition | undefined = METRICS.get(metric);
  if (!Number.isFinite(value)) return { ok: false, detail: 'value is not a finite number' };
  const range = def?.plausible;
  if (range === undefined) return { ok: true, unusual: false };
  const { min, max, minExclusive } = range.reject;
  const belowMin = minExclusive === true ? value <= min : value < min;
  if (belowMin || value > max) {
    return { ok: false, detail: `outside ${minExclusive === true ? '(' : '['}${min}, ${max}] ${def?.unit ?? ''}`.trimEnd() };
  }
  const usual = range.usual;
  return { ok: true, unusual: usual !== undefined && (value < usual.min || value > usual.max) };
}

export function isPlausible(metric: MetricId, value: number): boolean {
  return checkPlausible(metric, value).ok;
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
