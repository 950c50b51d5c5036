import { METRICS, type MetricDefinition, type MetricId } from '../../../core/metrics.js';
import { householdSettings } from '../state/settings.js';
import { displayUnit } from './display-units.js';

export function metricDefinition(id: string): MetricDefinition | undefined {
  return METRICS.get(id as MetricId);
}

export function metricLabel(id: string): string {
  return metricDefinition(id)?.label ?? id.replace(/_/g, ' ');
}

/** The unit values of the metric are shown in: the household's choice (lb, °F, mmol/L) or the canonical one. */
export function metricUnit(id: string, fallback = ''): string {
  return displayUnit(id, householdSettings.value)?.unit ?? metricDefinition(id)?.unit ?? fallback;
}

/** A value in the metric's canonical unit, converted to the unit it is shown in. */
export function toShown(id: string, value: number): number {
  return displayUnit(id, householdSettings.value)?.fromCanonical(value) ?? value;
}

/**
 * Decimals a value of the metric is shown with: the catalogue's `displayDecimals` in the canonical
 * unit, or those of the unit the household chose instead (mmol/L, °F, lb). Every value on screen
 * goes through here, so 36.8 °C is never 36.84 in one place and 37 in another.
 */
export function shownDecimals(id: string): number {
  return displayUnit(id, householdSettings.value)?.decimals ?? metricDefinition(id)?.displayDecimals ?? 1;
}

/** A value already in the shown unit, with its shown decimals, always all of them (84.0 kg, not 84 beside 84.2). */
export function formatShown(id: string, value: number): string {
  const decimals = shownDecimals(id);
  return value.toLocaleString(undefined, { maximumFractionDigits: decimals, minimumFractionDigits: decimals });
}

/** A value in the metric's canonical unit, as the household reads it. */
export function formatValue(id: string, value: number): string {
  return formatShown(id, toShown(id, value));
}

/** Metrics that stream (a reading every few seconds): a value a minute old means the device is off. */
const CONTINUOUS = new Set(['heart_rate', 'spo2', 'perfusion_index', 'respiratory_rate', 'rr_interval', 'ambient_temperature', 'ambient_humidity']);

/** How old a value may be before it is shown greyed as no longer current. */
export function staleAfterMs(id: string): number {
  return CONTINUOUS.has(id) ? 60_000 : 7 * 24 * 3600_000;
}

/** The order of vitals on a tile and a person's page; others follow in catalogue order. */
export const VITALS_ORDER: readonly string[] = [
  'heart_rate', 'spo2', 'respiratory_rate', 'body_temperature', 'bp_systolic', 'bp_diastolic', 'pulse_rate',
  'body_weight', 'glucose', 'resting_heart_rate', 'hrv_rmssd', 'perfusion_index', 'body_fat', 'bmi', 'steps',
];

export function sortMetrics(ids: Iterable<string>): string[] {
  const rank = (id: string): number => {
    const i = VITALS_ORDER.indexOf(id);
    return i >= 0 ? i : VITALS_ORDER.length + [...METRICS.keys()].indexOf(id as MetricId);
  };
  return [...ids].sort((a, b) => rank(a) - rank(b));
}

/**
 * What a model scored (AF probability, illness score, sleep state, stress score): not a measurement
 * of the body but a model's reading of it, which Insights explains in words.
 */
export function isModelOutput(id: string): boolean {
  const def = metricDefinition(id);
  return def?.derived === true && def.unit === '';
}

/**
 * Metrics shown as vitals and charts: measurements, not waveforms, device battery, rr intervals one
 * per beat, model scores, or journal entries (their day totals are the journal page's).
 */
export function isChartable(id: string): boolean {
  const def = metricDefinition(id);
  return def !== undefined && def.kind === 'scalar' && id !== 'battery' && id !== 'rr_interval' && def.journal !== true && !isModelOutput(id);
}
