import { Type } from 'typebox';
import { ConfigError } from '../config/config-errors.js';
import { defaultsOf, Dictionary, Entry, PERSON_ID_PATTERN, Section, type Settings } from '../config/config-types.js';

const personId = Type.String({ pattern: PERSON_ID_PATTERN });
const name = Type.String({ minLength: 1, maxLength: 100 });

const personSchema = Entry({
  id: personId,
  name,
  birthYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
});

const deviceSchema = Entry({
  id: Type.String({ minLength: 1, maxLength: 128 }),
  name: Type.Optional(name),
  /** The person a personal device belongs to. */
  personId: Type.Optional(personId),
  /** For shared devices (scale, cuff): the device's user slot → person. */
  userSlots: Type.Optional(Dictionary(personId, { keyPattern: '^[0-9]{1,3}$' })),
});

/** The `household` section of the hub config: the people, and the devices the file assigns to them. */
export const householdConfigSchema = Section({
  people: Type.Array(personSchema, { default: [] }),
  devices: Type.Array(deviceSchema, { default: [] }),
});

export type HouseholdConfig = Settings<typeof householdConfigSchema>;
export type PersonConfig = Settings<typeof personSchema>;
export type DeviceConfig = Settings<typeof deviceSchema>;

export const DEFAULT_HOUSEHOLD_CONFIG: HouseholdConfig = defaultsOf(householdConfigSchema);

/** Cross-key rules a schema cannot say: devices name people that exist, ids are unique. */
export function householdProblems(household: HouseholdConfig): ConfigError[] {
  const problems: ConfigError[] = [];
  const people = new Set<string>();
  household.people.forEach((p, i) => {
    if (people.has(p.id)) problems.push(new ConfigError(`household.people.${i}.id`, `"${p.id}" is used twice`));
    people.add(p.id);
  });
  const devices = new Set<string>();
  household.devices.forEach((d, i) => {
    if (devices.has(d.id)) problems.push(new ConfigError(`household.devices.${i}.id`, `"${d.id}" is used twice`));
    devices.add(d.id);
    if (d.personId !== undefined && !people.has(d.personId)) {
      problems.push(new ConfigError(`household.devices.${i}.personId`, `names "${d.personId}", who is not in household.people`));
    }
    for (const [slot, personId] of Object.entries(d.userSlots ?? {})) {
      if (!people.has(personId)) problems.push(new ConfigError(`household.devices.${i}.userSlots.${slot}`, `names "${personId}", who is not in household.people`));
    }
  });
  return problems;
}
