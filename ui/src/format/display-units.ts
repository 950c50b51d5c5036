import { KG_PER_LB, MG_DL_PER_MMOL_L } from '../../../core/units.js';
import type { HouseholdSettings } from '../api/types.js';

/** A metric's values as the household chose to read them: the unit, the conversion from the canonical one, the decimals. */
export interface DisplayUnit {
  readonly unit: string;
  readonly fromCanonical: (value: number) => number;
  readonly decimals: number;
}

const celsiusToFahrenheit = (c: number): number => (c * 9) / 5 + 32;

/** The metrics whose unit follows a setting; every other metric is shown in its canonical unit. */
export function displayUnit(metric: string, settings: HouseholdSettings): DisplayUnit | undefined {
  switch (metric) {
    case 'body_weight':
      return settings.units === 'imperial' ? { unit: 'lb', fromCanonical: (kg) => kg / KG_PER_LB, decimals: 1 } : undefined;
    case 'body_temperature':
    case 'ambient_temperature':
      return settings.temperatureUnit === '°F' ? { unit: '°F', fromCanonical: celsiusToFahrenheit, decimals: 1 } : undefined;
    case 'glucose':
      return settings.glucoseUnit === 'mmol/L' ? { unit: 'mmol/L', fromCanonical: (mgDl) => mgDl / MG_DL_PER_MMOL_L, decimals: 1 } : undefined;
    default:
      return undefined;
  }
}
