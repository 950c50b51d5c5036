import type { Db } from '../store/index.js';

/** The household settings the dashboard may read and the owner may change. */
export interface HouseholdSettings {
  readonly householdName: string;
  /** Weight and height. */
  readonly units: 'metric' | 'imperial';
  readonly glucoseUnit: 'mg/dL' | 'mmol/L';
  readonly temperatureUnit: '°C' | '°F';
  readonly timeFormat: '24h' | '12h';
  /** The household's IANA time zone (quiet hours, times in alerts); '' until the household chose one. */
  readonly timeZone: string;
}

export const DEFAULT_SETTINGS: HouseholdSettings = { householdName: 'Home', units: 'metric', glucoseUnit: 'mg/dL', temperatureUnit: '°C', timeFormat: '24h', timeZone: '' };

/** Whether the hub's Intl knows the zone (the list the dashboard offers comes from the browser's). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === '') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export class SettingsStore {
  constructor(private readonly db: Db) {}

  read(): HouseholdSettings {
    const stored: Record<string, unknown> = {};
    for (const row of this.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM account_setting').all()) {
      stored[row.key] = JSON.parse(row.value) as unknown;
    }
    return { ...DEFAULT_SETTINGS, ...pick(stored) };
  }

  update(changes: Partial<HouseholdSettings>): HouseholdSettings {
    const upsert = this.db.prepare('INSERT INTO account_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
    })();
    return this.read();
  }
}

/** Keeps only known keys, so a setting dropped in a later version cannot leak into answers. */
function pick(stored: Record<string, unknown>): Partial<HouseholdSettings> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS)) if (key in stored) out[key] = stored[key];
  return out;
}
