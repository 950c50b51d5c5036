import Type, { type Static } from 'typebox';
import { Id, LocalDate, Nullable, ReadonlyList, StringEnum, Time } from './primitives.js';

const TimeOfDay = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'a local time of day, HH:MM' });

export const MedicinesParams = Type.Object({ id: Id }, { additionalProperties: false });
export const MedicineParams = Type.Object({ id: Id, medicineId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const DoseParams = Type.Object({ id: Id, medicineId: Type.String({ format: 'uuid' }), date: LocalDate, time: TimeOfDay }, { additionalProperties: false });

/** `GET /api/v1/people/:id/medicines?date`: today when no date is given. */
export const MedicinesQuery = Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false });

const medicineFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  dose: Type.String({ maxLength: 50 }),
  times: Type.Array(TimeOfDay, { minItems: 1, maxItems: 8 }),
  important: Type.Boolean({ description: 'a missed dose alerts the person’s caregivers' }),
};

/** `POST /api/v1/people/:id/medicines`: the dose may be left out (''), as may important (false). */
export const NewMedicine = Type.Object(
  { name: medicineFields.name, times: medicineFields.times, dose: Type.Optional(medicineFields.dose), important: Type.Optional(medicineFields.important) },
  { additionalProperties: false },
);
export type NewMedicine = Static<typeof NewMedicine>;

/** `PATCH /api/v1/people/:id/medicines/:medicineId`: only what is sent changes (no defaults fill the rest in). */
export const MedicineChange = Type.Partial(Type.Object(medicineFields), { additionalProperties: false });
export type MedicineChange = Static<typeof MedicineChange>;

/** `PUT /api/v1/people/:id/medicines/:medicineId/doses/:date/:time`: taken, skipped, or null to take the record back. */
export const DoseRecordBody = Type.Object(
  { status: Nullable(StringEnum(['taken', 'skipped'] as const)), at: Type.Optional(Time) },
  { additionalProperties: false },
);
export type DoseRecordBody = Static<typeof DoseRecordBody>;

export const MedicineAnswer = Type.Object(
  { id: Type.String(), personId: Type.String(), name: Type.String(), dose: Type.String(), times: ReadonlyList(Type.String()), important: Type.Boolean(), created: Time, stopped: Nullable(Time) },
  { additionalProperties: false },
);
export type MedicineAnswer = Static<typeof MedicineAnswer>;

export const DoseAnswer = Type.Object(
  {
    personId: Type.String(),
    medicineId: Type.String(),
    name: Type.String(),
    dose: Type.String(),
    important: Type.Boolean(),
    date: LocalDate,
    time: Type.String(),
    due: Time,
    state: StringEnum(['upcoming', 'due', 'taken', 'late', 'skipped', 'missed'] as const),
    at: Nullable(Time),
  },
  { additionalProperties: false },
);
export type DoseAnswer = Static<typeof DoseAnswer>;

export const MedicinesDayAnswer = Type.Object(
  {
    personId: Type.String(),
    date: LocalDate,
    medicines: ReadonlyList(MedicineAnswer),
    doses: ReadonlyList(DoseAnswer),
    week: Type.Object(
      {
        from: LocalDate,
        to: LocalDate,
        scheduled: Type.Integer(),
        taken: Type.Integer(),
        late: Type.Integer(),
        skipped: Type.Integer(),
        missed: Type.Integer(),
        share: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
      },
      { additionalProperties: false, description: 'the seven days to today: only doses already due count; share is taken (on time or late) of those' },
    ),
  },
  { additionalProperties: false },
);
export type MedicinesDayAnswer = Static<typeof MedicinesDayAnswer>;

/** `GET /api/v1/medicine-reminders`: the doses due now of everyone whose medicines the asker may read. */
export const RemindersAnswer = ReadonlyList(Type.Object({ personId: Type.String(), doses: ReadonlyList(DoseAnswer) }, { additionalProperties: false }));
export type RemindersAnswer = Static<typeof RemindersAnswer>;
