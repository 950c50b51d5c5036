import { createHash } from 'node:crypto';
import { metricDefinition } from '../../core/metrics.js';
import type { ExportRow } from './export-rows.js';
import { BP_PANEL, BP_PROFILE, codingOf, FHIR_CODINGS, LOINC, OBSERVATION_CATEGORY, UCUM, VITAL_SIGNS_PROFILE } from './fhir-codes.js';

export interface FhirPatient {
  readonly id: string;
  readonly name: string;
  readonly birthYear?: number;
}

/** A stable UUID for the same thing exported twice, so a clinician's system can de-duplicate. */
export function stableUuid(...parts: readonly (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function quantity(row: ExportRow): Record<string, unknown> {
  const def = metricDefinition(row.metric);
  return { value: row.value, unit: def.unit === '' ? def.ucum : def.unit, system: UCUM, code: def.ucum };
}

function category(kind: 'vital-signs' | 'laboratory'): unknown[] {
  return [{ coding: [{ system: OBSERVATION_CATEGORY, code: kind, display: kind === 'vital-signs' ? 'Vital Signs' : 'Laboratory' }] }];
}

function observationBase(row: ExportRow, patientRef: Record<string, string>): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    status: row.flags.includes('early_estimate') ? 'preliminary' : 'final',
    subject: patientRef,
    effectiveDateTime: new Date(row.ts).toISOString(),
    device: { display: row.deviceId },
  };
}

/** One reading as an Observation, or undefined for metrics without a LOINC code. */
function singleObservation(row: ExportRow, patientRef: Record<string, string>): Record<string, unknown> | undefined {
  const coding = codingOf(row.metric, row.flags);
  if (coding === undefined) return undefined;
  return {
    ...observationBase(row, patientRef),
    id: stableUuid(row.deviceId, row.metric, row.ts),
    ...(coding.category === 'vital-signs' ? { meta: { profile: [VITAL_SIGNS_PROFILE] } } : {}),
    category: category(coding.category),
    code: { coding: coding.codings, text: coding.text ?? metricDefinition(row.metric).label },
    valueQuantity: quantity(row),
  };
}

const BP_ORDER = ['bp_systolic', 'bp_diastolic', 'bp_mean'];
const BP_PARTS = new Set(BP_ORDER);

/** Systolic and diastolic taken together become one panel with components, as clinicians expect. */
function bloodPressurePanel(rows: readonly ExportRow[], patientRef: Record<string, string>): Record<string, unknown> {
  const first = rows[0];
  if (first === undefined) throw new Error('a blood pressure panel needs readings');
  return {
    ...observationBase(first, patientRef),
    id: stableUuid(first.deviceId, 'bp_panel', first.ts),
    meta: { profile: [BP_PROFILE] },
    category: category('vital-signs'),
    code: { coding: [{ system: LOINC, ...BP_PANEL }], text: 'Blood pressure' },
    component: [...rows].sort((a, b) => BP_ORDER.indexOf(a.metric) - BP_ORDER.indexOf(b.metric)).map((row) => ({ code: { coding: FHIR_CODINGS[row.metric]?.codings ?? [], text: metricDefinition(row.metric).label }, valueQuantity: quantity(row) })),
  };
}

/** Observations for readings that share one timestamp. */
function observationsAt(rows: readonly ExportRow[], patientRef: Record<string, string>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const bpByDevice = new Map<string, ExportRow[]>();
  for (const row of rows) {
    if (BP_PARTS.has(row.metric)) bpByDevice.set(row.deviceId, [...(bpByDevice.get(row.deviceId) ?? []), row]);
  }
  for (const row of rows) {
    const bp = bpByDevice.get(row.deviceId);
    const paired = bp !== undefined && bp.some((r) => r.metric === 'bp_systolic') && bp.some((r) => r.metric === 'bp_diastolic');
    if (BP_PARTS.has(row.metric) && paired) {
      if (bp[0] === row) out.push(bloodPressurePanel(bp, patientRef));
      continue;
    }
    const single = singleObservation(row, patientRef);
    if (single !== undefined) out.push(single);
  }
  return out;
}

/** Groups a time-ordered stream by timestamp. */
function* byTimestamp(rows: Iterable<ExportRow>): Generator<ExportRow[]> {
  let group: ExportRow[] = [];
  for (const row of rows) {
    if (group.length > 0 && group[0]?.ts !== row.ts) {
      yield group;
      group = [];
    }
    group.push(row);
  }
  if (group.length > 0) yield group;
}

/**
 * The export as a FHIR R4 Bundle (type collection) in JSON text pieces: the Patient first, then
 * one Observation per reading (a panel per blood pressure measurement), written as they are read.
 */
export function* fhirExport(patient: FhirPatient, rows: Iterable<ExportRow>, now: number): Generator<string> {
  const patientUuid = stableUuid('patient', patient.id);
  const patientRef = { reference: `urn:uuid:${patientUuid}`, type: 'Patient', display: patient.name };
  // The id is the uuid of the entry's fullUrl, as a receiver resolves one to the other; the
  // household's own id travels as an identifier.
  const patientResource = {
    resourceType: 'Patient',
    id: patientUuid,
    identifier: [{ system: 'urn:hearth:person', value: patient.id }],
    name: [{ text: patient.name }],
    ...(patient.birthYear !== undefined ? { birthDate: String(patient.birthYear) } : {}),
  };
  yield `{"resourceType":"Bundle","id":${JSON.stringify(stableUuid('bundle', patient.id, now))},"type":"collection","timestamp":${JSON.stringify(new Date(now).toISOString())},"entry":[`;
  yield JSON.stringify({ fullUrl: `urn:uuid:${patientUuid}`, resource: patientResource });
  for (const group of byTimestamp(rows)) {
    for (const observation of observationsAt(group, patientRef)) {
      yield `,${JSON.stringify({ fullUrl: `urn:uuid:${String(observation['id'])}`, resource: observation })}`;
    }
  }
  yield ']}';
}
