import { isChartable, metricLabel, sortMetrics } from './metric-format.js';

export const BLOOD_PRESSURE = 'blood_pressure';
const PRESSURES: readonly string[] = ['bp_systolic', 'bp_diastolic'];

/**
 * What one vital and one chart show: a metric, or blood pressure, whose systolic and diastolic
 * pressures are one measurement and read together ("134/86 mmHg", two lines on one chart).
 */
export interface VitalGroup {
  /** The metric id, or `blood_pressure`. */
  readonly id: string;
  readonly label: string;
  readonly metrics: readonly string[];
}

/** One metric as a vital or chart of its own. */
export function metricGroup(metric: string): VitalGroup {
  return { id: metric, label: metricLabel(metric), metrics: [metric] };
}

/** The vitals of the metrics a person has, in the order a tile and their page show them. */
export function vitalGroups(metrics: Iterable<string>): VitalGroup[] {
  const groups: VitalGroup[] = [];
  const present = sortMetrics([...metrics].filter(isChartable));
  for (const metric of present) {
    if (!PRESSURES.includes(metric)) groups.push(metricGroup(metric));
    else if (!groups.some((g) => g.id === BLOOD_PRESSURE)) groups.push({ id: BLOOD_PRESSURE, label: 'Blood pressure', metrics: PRESSURES.filter((p) => present.includes(p)) });
  }
  return groups;
}
