import { KG_PER_LB, MG_DL_PER_MMOL_L } from './units.js';
import { METRICS, type MetricId } from './metrics.js';

/** Spellings a LAN device may use for a unit, mapped to the catalogue's spelling. */
const UNIT_ALIASES: Readonly<Record<string, string>> = {
  'bpm': 'bpm', '/min': 'bpm', 'beats/min': 'bpm',
  'breaths/min': 'breaths/min',
  '%': '%', 'percent': '%',
  '°c': '°C', 'c': '°C', 'cel': '°C', 'degc': '°C',
  '°f': '°F', 'f': '°F', 'degf': '°F', '[degf]': '°F',
  'mmhg': 'mmHg', 'mm[hg]': 'mmHg', 'kpa': 'kPa',
  'kg': 'kg', 'lb': 'lb', 'lbs': 'lb', '[lb_av]': 'lb',
  'kg/m²': 'kg/m²', 'kg/m2': 'kg/m²',
  'ω': 'Ω', 'ohm': 'Ω',
  'mg/dl': 'mg/dL', 'mmol/l': 'mmol/L',
  'steps': 'steps', 'count': 'steps', '{steps}': 'steps',
  'kj': 'kJ', 'ms': 'ms', '': '', '1': '',
};

type Converter = (value: number) => number;

/** The convertible units docs/architecture.md names, keyed by the catalogue unit they convert to. */
const CONVERSIONS: Readonly<Record<string, Readonly<Record<string, Converter>>>> = {
  'mmHg': { kPa: (v) => v * 7.500615758 },
  '°C': { '°F': (v) => ((v - 32) * 5) / 9 },
  'kg': { lb: (v) => v * KG_PER_LB },
  'mg/dL': { 'mmol/L': (v) => v * MG_DL_PER_MMOL_L },
};

export type UnitVerdict = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly detail: string };

/**
 * The value in the metric's canonical unit, or why it cannot be: a unit the device names that is
 * neither the canonical one nor one of the known conversions is refused, never guessed.
 */
export function toCanonicalUnit(metric: MetricId, value: number, unit: string | undefined): UnitVerdict {
  const canonical = METRICS.get(metric)?.unit ?? '';
  if (unit === undefined) return { ok: true, value };
  const spelled = UNIT_ALIASES[unit.trim().toLowerCase()];
  if (spelled === canonical) return { ok: true, value };
  const convert = spelled === undefined ? undefined : CONVERSIONS[canonical]?.[spelled];
  if (convert === undefined) {
    const accepted = [canonical, ...Object.keys(CONVERSIONS[canonical] ?? {})].map((u) => `"${u}"`).join(', ');
    return { ok: false, detail: `unit "${unit}" is not one of ${accepted} for ${metric}` };
  }
  return { ok: true, value: convert(value) };
}
