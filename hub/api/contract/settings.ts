import Type, { type Static } from 'typebox';
import { Name, StringEnum } from './primitives.js';

const settingFields = {
  householdName: Name,
  /** Weight and height: kg and cm, or lb and in. */
  units: StringEnum(['metric', 'imperial']),
  glucoseUnit: StringEnum(['mg/dL', 'mmol/L']),
  temperatureUnit: StringEnum(['°C', '°F']),
  timeFormat: StringEnum(['24h', '12h']),
  /** The household's IANA time zone (`Europe/Berlin`), which quiet hours and alert times follow; '' = not chosen (the box's). */
  timeZone: Type.String({ maxLength: 64, pattern: '^([A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*)?$' }),
};

/** `GET` and `PATCH /api/v1/settings`: the household's settings, read by everyone signed in. */
export const HouseholdSettings = Type.Object(settingFields, { additionalProperties: false });
export type HouseholdSettings = Static<typeof HouseholdSettings>;

/** `PATCH /api/v1/settings` (owner only): the settings to change, at least one. */
export const SettingsPatchBody = Type.Object(
  {
    householdName: Type.Optional(settingFields.householdName),
    units: Type.Optional(settingFields.units),
    glucoseUnit: Type.Optional(settingFields.glucoseUnit),
    temperatureUnit: Type.Optional(settingFields.temperatureUnit),
    timeFormat: Type.Optional(settingFields.timeFormat),
    timeZone: Type.Optional(settingFields.timeZone),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SettingsPatchBody = Static<typeof SettingsPatchBody>;
