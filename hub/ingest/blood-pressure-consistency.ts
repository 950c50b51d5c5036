import type { DecodedReading } from '../../drivers/format.js';

export interface Inconsistency {
  readonly index: number;
  readonly detail: string;
}

/**
 * Blood pressure values that cannot belong together (docs/protocols.md §6): diastolic at or above
 * systolic, a pulse pressure under 10 mmHg, or a mean outside [diastolic, systolic]. Readings of one
 * measurement share a timestamp and user slot within a batch.
 */
export function bloodPressureInconsistencies(readings: readonly DecodedReading[]): Inconsistency[] {
  const groups = new Map<string, Map<string, number>>();
  readings.forEach((r, index) => {
    if (r.metric !== 'bp_systolic' && r.metric !== 'bp_diastolic' && r.metric !== 'bp_mean') return;
    const key = `${r.ts ?? 'hub'}|${r.userSlot ?? ''}`;
    const group = groups.get(key) ?? new Map<string, number>();
    group.set(r.metric, index);
    groups.set(key, group);
  });
  const found: Inconsistency[] = [];
  for (const group of groups.values()) {
    const sysIndex = group.get('bp_systolic');
    const diaIndex = group.get('bp_diastolic');
    const meanIndex = group.get('bp_mean');
    const sys = sysIndex === undefined ? undefined : readings[sysIndex]?.value;
    const dia = diaIndex === undefined ? undefined : readings[diaIndex]?.value;
    if (sys !== undefined && dia !== undefined && sysIndex !== undefined && diaIndex !== undefined) {
      if (sys - dia < 10) {
        const detail = dia >= sys ? 'diastolic is not below systolic' : 'pulse pressure under 10 mmHg';
        found.push({ index: sysIndex, detail }, { index: diaIndex, detail });
        if (meanIndex !== undefined) found.push({ index: meanIndex, detail });
        continue;
      }
      const mean = meanIndex === undefined ? undefined : readings[meanIndex]?.value;
      if (mean !== undefined && meanIndex !== undefined && (mean < dia || mean > sys)) {
        found.push({ index: meanIndex, detail: 'mean pressure outside [diastolic, systolic]' });
      }
    }
  }
  return found;
}
