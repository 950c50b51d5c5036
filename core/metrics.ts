/**
 * The hub-wide metric catalogue (docs/architecture.md): ids, canonical units, codes for exports, and the
 * plausibility limits of docs/protocols.md §6. Ids are a contract: add new ones, never rename one.
 */

export type MetricKind = 'scalar' | 'waveform';

/**
 * How often a metric's readings come: `continuous` ones stream seconds apart while a device is
 * worn or in range; `occasional` ones are taken now and then (a weighing, a cuff, a finger-stick)
 * or derived hourly or per screening, so the last one stays worth showing for hours or days.
 */
export type MetricCadence = 'continuous' | 'occasional';

/** Values outside `reject` cannot be a human reading; outside `usual` they are kept but flagged. */
export interface PlausibleRange {
  readonly reject: { readonly min: number; readonly max: number; readonly minExclusive?: boolean };
  readonly usual?: { readonly min: number; readonly max: number };
}

export interface MetricDefinition {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly ucum: string;
  readonly loinc?: string;
  readonly kind: MetricKind;
  readonly cadence: MetricCadence;
  /** A running total that only grows until its device resets it (energy expended since the strap went on). */
  readonly cumulative?: boolean;
  readonly plausible?: PlausibleRange;
  /** Digits worth keeping; values are rounded to this at the gate. */
  readonly decimals: number;
  /**
   * Digits worth showing a person in the canonical unit (36.8 °C, 72 bpm, 84.2 kg): what a reading
   * can tell apart, not what the device sends. The dashboard formats every value with it.
   */
  readonly displayDecimals: number;
  readonly derived?: boolean;
  /**
   * One value a night, written at the night's end once it is analysed (an hour or more after
   * waking): the alert rules take it however late it arrives, unlike a device's re-sent memory.
   */
  readonly nightly?: boolean;
  /**
   * What a person wrote down, one entry at a time (a meal's energy, a dose taken), or what the hub
   * counted of it: the day's totals are the journal's to show, so it is kept off the vitals and
   * tiles, off Home Assistant, and never retained on MQTT as if it were a current value.
   */
  readonly journal?: boolean;
}

const catalogue = [
  { id: 'heart_rate', label: 'Heart rate', unit: 'bpm', ucum: '/min', loinc: '8867-4', cadence: 'continuous', kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 20, max: 250 }, usual: { min: 30, max: 200 } } },
  { id: 'rr_interval', label: 'RR interval', unit: 'ms', ucum: 'ms', cadence: 'continuous', kind: 'scalar', decimals: 1, displayDecimals: 0,
    plausible: { reject: { min: 250, max: 3000 } } },
  { id: 'spo2', label: 'Oxygen saturation', unit: '%', ucum: '%', loinc: '59408-5', cadence: 'continuous', kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 50, max: 100 }, usual: { min: 70, max: 100 } } },
  { id: 'pulse_rate', label: 'Pulse rate', unit: 'bpm', ucum: '/min', loinc: '8867-4', cadence: 'continuous', kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 20, max: 250 }, usual: { min: 30, max: 200 } } },
  { id: 'perfusion_index', label: 'Perfusion index', unit: '%', ucum: '%', cadence: 'continuous', kind: 'scalar', decimals: 2, displayDecimals: 1,
    plausible: { reject: { min: 0, max: 22, minExclusive: true }, usual: { min: 0.3, max: 22 } } },
  { id: 'body_temperature', label: 'Body temperature', unit: '°C', ucum: 'Cel', loinc: '8310-5', cadence: 'occasional', kind: 'scalar', decimals: 2, displayDecimals: 1,
    plausible: { reject: { min: 20, max: 45 }, usual: { min: 35, max: 40 } } },
  { id: 'bp_systolic', label: 'Systolic blood pressure', unit: 'mmHg', ucum: 'mm[Hg]', loinc: '8480-6', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 50, max: 260 }, usual: { min: 90, max: 180 } } },
  { id: 'bp_diastolic', label: 'Diastolic blood pressure', unit: 'mmHg', ucum: 'mm[Hg]', loinc: '8462-4', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 20, max: 160 }, usual: { min: 50, max: 110 } } },
  { id: 'bp_mean', label: 'Mean arterial pressure', unit: 'mmHg', ucum: 'mm[Hg]', loinc: '8478-0', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 20, max: 260 } } },
  { id: 'body_weight', label: 'Body weight', unit: 'kg', ucum: 'kg', loinc: '29463-7', cadence: 'occasional', kind: 'scalar', decimals: 3, displayDecimals: 1,
    plausible: { reject: { min: 1, max: 300, minExclusive: true } } },
  { id: 'body_fat', label: 'Body fat', unit: '%', ucum: '%', loinc: '41982-0', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 1,
    plausible: { reject: { min: 1, max: 75 } } },
  { id: 'bmi', label: 'Body mass index', unit: 'kg/m²', ucum: 'kg/m2', loinc: '39156-5', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 1,
    plausible: { reject: { min: 10, max: 80 } } },
  { id: 'impedance', label: 'Body impedance', unit: 'Ω', ucum: 'Ohm', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 0,
    plausible: { reject: { min: 0, max: 3000, minExclusive: true } } },
  { id: 'glucose', label: 'Blood glucose', unit: 'mg/dL', ucum: 'mg/dL', loinc: '41653-7', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 10, max: 1000 }, usual: { min: 70, max: 250 } } },
  { id: 'steps', label: 'Steps', unit: 'steps', ucum: '{steps}', cadence: 'continuous', kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 0, max: 100000 } } },
  { id: 'energy_expended', label: 'Energy expended', unit: 'kJ', ucum: 'kJ', cadence: 'continuous', cumulative: true, kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 0, max: 65535 } } },
  { id: 'respiratory_rate', label: 'Respiratory rate', unit: 'breaths/min', ucum: '/min', loinc: '9279-1', cadence: 'continuous', kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 4, max: 60 }, usual: { min: 8, max: 30 } } },
  { id: 'ecg', label: 'ECG', unit: 'µV', ucum: 'uV', cadence: 'continuous', kind: 'waveform', decimals: 0, displayDecimals: 0 },
  { id: 'pleth', label: 'Plethysmogram', unit: '', ucum: '1', cadence: 'continuous', kind: 'waveform', decimals: 0, displayDecimals: 0 },
  { id: 'battery', label: 'Battery', unit: '%', ucum: '%', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0,
    plausible: { reject: { min: 0, max: 100 } } },
  { id: 'ambient_temperature', label: 'Room temperature', unit: '°C', ucum: 'Cel', cadence: 'continuous', kind: 'scalar', decimals: 2, displayDecimals: 1,
    plausible: { reject: { min: -40, max: 85 } } },
  { id: 'ambient_humidity', label: 'Room humidity', unit: '%', ucum: '%', cadence: 'continuous', kind: 'scalar', decimals: 1, displayDecimals: 0,
    plausible: { reject: { min: 0, max: 100 } } },
  // Derived metrics, written by inference and rollups.
  { id: 'resting_heart_rate', label: 'Resting heart rate', unit: 'bpm', ucum: '/min', loinc: '40443-4', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 0, derived: true,
    plausible: { reject: { min: 20, max: 250 } } },
  { id: 'hrv_rmssd', label: 'Heart rate variability (RMSSD)', unit: 'ms', ucum: 'ms', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 0, derived: true,
    plausible: { reject: { min: 0, max: 3000 } } },
  { id: 'af_probability', label: 'Atrial fibrillation probability', unit: '', ucum: '1', cadence: 'occasional', kind: 'scalar', decimals: 3, displayDecimals: 2, derived: true,
    plausible: { reject: { min: 0, max: 1 } } },
  { id: 'illness_score', label: 'Illness score', unit: '', ucum: '1', cadence: 'occasional', kind: 'scalar', decimals: 3, displayDecimals: 2, derived: true,
    plausible: { reject: { min: 0, max: 1000 } } },
  { id: 'sleep_state', label: 'Sleep state', unit: '', ucum: '1', cadence: 'continuous', kind: 'scalar', decimals: 0, displayDecimals: 0, derived: true,
    plausible: { reject: { min: 0, max: 4 } } },
  // A night's oxygen and breathing, written by SleepOracle when a night's sleep ends.
  { id: 'odi_3', label: 'Oxygen desaturation index (3 %)', unit: 'events/h', ucum: '/h', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 1, derived: true, nightly: true,
    plausible: { reject: { min: 0, max: 200 } } },
  { id: 'odi_4', label: 'Oxygen desaturation index (4 %)', unit: 'events/h', ucum: '/h', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 1, derived: true, nightly: true,
    plausible: { reject: { min: 0, max: 200 } } },
  { id: 't90', label: 'Time below 90 % oxygen', unit: 'min', ucum: 'min', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 1, derived: true, nightly: true,
    plausible: { reject: { min: 0, max: 1440 } } },
  { id: 't88', label: 'Time below 88 % oxygen', unit: 'min', ucum: 'min', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 1, derived: true, nightly: true,
    plausible: { reject: { min: 0, max: 1440 } } },
  { id: 'ahi_estimate', label: 'Apnea–hypopnea estimate', unit: 'events/h', ucum: '/h', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 0, derived: true, nightly: true,
    plausible: { reject: { min: 0, max: 200 } } },
  { id: 'severe_apnea_nights', label: 'Nights with a severe apnea estimate in 7 days', unit: 'nights', ucum: '{nights}', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0, derived: true, nightly: true,
    plausible: { reject: { min: 0, max: 7 } } },
  { id: 'apnea_probability', label: 'Apnea probability', unit: '', ucum: '1', cadence: 'occasional', kind: 'scalar', decimals: 3, displayDecimals: 2, derived: true,
    plausible: { reject: { min: 0, max: 1 } } },
  { id: 'stress_score', label: 'Stress score', unit: '', ucum: '1', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 0, derived: true,
    plausible: { reject: { min: 0, max: 100 } } },
  // What a person wrote down (NutriVerse's journal), one reading per entry: a day's intake is their sum.
  { id: 'energy_intake', label: 'Energy eaten and drunk', unit: 'kcal', ucum: 'kcal', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0, journal: true,
    plausible: { reject: { min: 0, max: 10_000, minExclusive: true }, usual: { min: 0, max: 2500 } } },
  { id: 'water_intake', label: 'Water drunk', unit: 'mL', ucum: 'mL', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0, journal: true,
    plausible: { reject: { min: 0, max: 5000, minExclusive: true }, usual: { min: 0, max: 2000 } } },
  { id: 'caffeine_intake', label: 'Caffeine', unit: 'mg', ucum: 'mg', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0, journal: true,
    plausible: { reject: { min: 0, max: 2000, minExclusive: true }, usual: { min: 0, max: 400 } } },
  { id: 'alcohol_intake', label: 'Alcohol', unit: 'g', ucum: 'g', cadence: 'occasional', kind: 'scalar', decimals: 1, displayDecimals: 0, journal: true,
    plausible: { reject: { min: 0, max: 500, minExclusive: true }, usual: { min: 0, max: 56 } } },
  { id: 'sodium_intake', label: 'Sodium', unit: 'mg', ucum: 'mg', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0, journal: true,
    plausible: { reject: { min: 0, max: 20_000, minExclusive: true }, usual: { min: 0, max: 2300 } } },
  // NutriVerse's medicines: a reading of 1 for each dose taken, at the time it was taken.
  { id: 'medication_taken', label: 'Medicine dose taken', unit: 'doses', ucum: '{dose}', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0, journal: true,
    plausible: { reject: { min: 0, max: 1, minExclusive: true } } },
  // Doses of medicines marked important that went unrecorded past their time (a rule alerts the caregivers); 0 once the next is recorded.
  { id: 'medicine_missed', label: 'Important medicine doses missed', unit: 'doses', ucum: '{dose}', cadence: 'occasional', kind: 'scalar', decimals: 0, displayDecimals: 0, derived: true, journal: true,
    plausible: { reject: { min: 0, max: 50 } } },
] as const satisfies readonly MetricDefinition[];

export type MetricId = (typeof catalogue)[number]['id'];

export const METRICS: ReadonlyMap<MetricId, MetricDefinition> = new Map(catalogue.map((m) => [m.id, m]));

export const METRIC_IDS: readonly MetricId[] = catalogue.map((m) => m.id);

export function isMetricId(id: string): id is MetricId {
  return METRICS.has(id as MetricId);
}

export function metricDefinition(id: MetricId): MetricDefinition {
  const def = METRICS.get(id);
  if (def === undefined) throw new Error(`unknown metric "${id}"`);
  return def;
}
