import Type, { type Static } from 'typebox';
import { Name, StringEnum } from './primitives.js';

const settingFields = {
  householdName: Name,
  units: StringEnum(['metric', 'imperial']),
  timeFormat: StringEnum(['24h', '12h']),
};

/** `GET` and `PATCH /api/v1/settings`: the household's settings, read by everyone signed in. */
export const HouseholdSettings = Type.Object(settingFields, { additionalProperties: false });
export type HouseholdSettings = Static<typeof HouseholdSettings>;

/** `PATCH /api/v1/settings` (owner only): the settings to change, at least one. */
export const SettingsPatchBody = Type.Object(
  { householdName: Type.Optional(settingFields.householdName), units: Type.Optional(settingFields.units), timeFormat: Type.Optional(settingFields.timeFormat) },
  { additionalProperties: false, minProperties: 1 },
);
export type SettingsPatchBody = Static<typeof SettingsPatchBody>;
