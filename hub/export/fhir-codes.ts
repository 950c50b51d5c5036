import type { MetricId } from '../../core/metrics.js';
import type { ReadingFlag } from '../../core/reading.js';

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const VITAL_SIGNS_PROFILE = 'http://hl7.org/fhir/StructureDefinition/vitalsigns';
export const BP_PROFILE = 'http://hl7.org/fhir/StructureDefinition/bp';
export const BP_PANEL = { code: '85354-9', display: 'Blood pressure panel with all children optional' } as const;

export interface Coding {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

export interface MetricCoding {
  readonly codings: readonly Coding[];
  readonly category: 'vital-signs' | 'laboratory';
  /** `code.text` when the metric's own label would say less than the coding (where it was measured). */
  readonly text?: string;
}

/** LOINC codings per metric (docs/protocols.md §5.2); a metric missing here is left out of FHIR exports. */
export const FHIR_CODINGS: Partial<Record<MetricId, MetricCoding>> = {
  heart_rate: { codings: [{ system: LOINC, code: '8867-4', display: 'Heart rate' }], category: 'vital-signs' },
  pulse_rate: { codings: [{ system: LOINC, code: '8867-4', display: 'Heart rate' }], category: 'vital-signs' },
  // US Core's pulse oximetry profile wants both codings.
  spo2: {
    codings: [
      { system: LOINC, code: '2708-6', display: 'Oxygen saturation in Arterial blood' },
      { system: LOINC, code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
    ],
    category: 'vital-signs',
  },
  body_temperature: { codings: [{ system: LOINC, code: '8310-5', display: 'Body temperature' }], category: 'vital-signs' },
  bp_systolic: { codings: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }], category: 'vital-signs' },
  bp_diastolic: { codings: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }], category: 'vital-signs' },
  bp_mean: { codings: [{ system: LOINC, code: '8478-0', display: 'Mean blood pressure' }], category: 'vital-signs' },
  body_weight: { codings: [{ system: LOINC, code: '29463-7', display: 'Body weight' }], category: 'vital-signs' },
  bmi: { codings: [{ system: LOINC, code: '39156-5', display: 'Body mass index (BMI) [Ratio]' }], category: 'vital-signs' },
  body_fat: { codings: [{ system: LOINC, code: '41982-0', display: 'Percentage of body fat Measured' }], category: 'vital-signs' },
  respiratory_rate: { codings: [{ system: LOINC, code: '9279-1', display: 'Respiratory rate' }], category: 'vital-signs' },
  // Glucose is not a vital sign in FHIR: the CGM IG files it under laboratory.
  glucose: { codings: [{ system: LOINC, code: '41653-7', display: 'Glucose [Mass/volume] in Capillary blood by Glucometer' }], category: 'laboratory' },
  resting_heart_rate: { codings: [{ system: LOINC, code: '40443-4', display: 'Heart rate --resting' }], category: 'vital-signs' },
};

/**
 * A CGM's glucose is measured in interstitial fluid, not capillary blood: LOINC 99504-3, the code of
 * the HL7 CGM IG's sensor-reading profile for mass per volume (Hearth keeps glucose in mg/dL).
 */
const INTERSTITIAL_GLUCOSE: MetricCoding = {
  codings: [{ system: LOINC, code: '99504-3', display: 'Glucose [Mass/volume] in Interstitial fluid' }],
  category: 'laboratory',
  text: 'Glucose in interstitial fluid (continuous glucose monitor)',
};

/** The coding of one reading: its metric's, unless where it was measured changes the code. */
export function codingOf(metric: MetricId, flags: readonly ReadingFlag[]): MetricCoding | undefined {
  if (metric === 'glucose' && flags.includes('interstitial_fluid')) return INTERSTITIAL_GLUCOSE;
  return FHIR_CODINGS[metric];
}
