import { signal } from '@preact/signals';
import { api } from '../api/client.js';
import type { HouseholdSettings } from '../api/types.js';

/** What the dashboard shows before the hub has answered: the hub's own defaults. */
const DEFAULTS: HouseholdSettings = { householdName: 'Home', units: 'metric', glucoseUnit: 'mg/dL', temperatureUnit: '°C', timeFormat: '24h', timeZone: '' };

/**
 * The household's settings every value and time on screen follows (units, 24- or 12-hour time).
 * Read by the formatters, so whatever shows a value draws again when the owner changes them.
 */
export const householdSettings = signal<HouseholdSettings>(DEFAULTS);

export async function loadSettings(): Promise<void> {
  householdSettings.value = await api.get<HouseholdSettings>('/settings');
}

/** After a save: the hub's answer is what now holds. */
export function adoptSettings(settings: HouseholdSettings): void {
  householdSettings.value = settings;
}

export function forgetSettings(): void {
  householdSettings.value = DEFAULTS;
}
