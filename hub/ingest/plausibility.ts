import { METRICS, type MetricDefinition, type MetricId } from '../core/metrics.js';

export type PlausibilityVerdict = { readonly ok: true; readonly unusual: boolean } | { readonly ok: false; readonly detail: string };

/** Checks one value against its metric's hard limits (reject) and usual range (flag), protocols.md §6. */
export function checkPlausible(metric: MetricId, value: number): PlausibilityVerdict {
  const def: MetricDefinition | undefined = METRICS.get(metric);
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

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
