import Type, { type Static } from 'typebox';
import { FOOD_NUTRIENTS, type FoodNutrient } from '../../apps/nutriverse/food-table.js';
import { MEALS } from '../../apps/nutriverse/journal-entry.js';
import { Id, LocalDate, Nullable, ReadonlyList, StringEnum, Time } from './primitives.js';

const Meal = StringEnum(MEALS);

export const JournalParams = Type.Object({ id: Id }, { additionalProperties: false });
export const JournalEntryParams = Type.Object({ id: Id, entryId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** `GET /api/v1/people/:id/food-journal?date`: the household's today when no date is given. */
export const JournalQuery = Type.Object({ date: Type.Optional(LocalDate) }, { additionalProperties: false });
export type JournalQuery = Static<typeof JournalQuery>;

/** `POST /api/v1/people/:id/food-journal`: a food from the table, how much, in which meal, when. */
export const NewJournalEntryBody = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'made by the page; the same entry sent twice is recorded once' }),
    foodId: Type.String({ pattern: '^[0-9]{5}$' }),
    meal: Meal,
    grams: Type.Number({ description: 'grams of one portion' }),
    count: Type.Optional(Type.Number({ default: 1 })),
    portion: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "the household measure chosen, as the food table names it" })),
    ts: Type.Optional(Time),
  },
  { additionalProperties: false },
);
export type NewJournalEntryBody = Static<typeof NewJournalEntryBody>;


const EntryAmounts = Type.Object(
  Object.fromEntries(FOOD_NUTRIENTS.map((n) => [n, Nullable(Type.Number())])) as Record<FoodNutrient, ReturnType<typeof Nullable<ReturnType<typeof Type.Number>>>>,
  { additionalProperties: false, description: 'what the whole entry holds; null where the food table has no value' },
);

const DayAmounts = Type.Object(
  { ...(Object.fromEntries(FOOD_NUTRIENTS.map((n) => [n, Type.Number()])) as Record<FoodNutrient, ReturnType<typeof Type.Number>>), drunk_ml: Type.Number() },
  { additionalProperties: false, description: 'the day’s totals; drunk_ml counts what was drunk, by volume' },
);

export const JournalEntryAnswer = Type.Object(
  {
    id: Type.String(),
    personId: Type.String(),
    ts: Time,
    meal: Meal,
    foodId: Type.String(),
    name: Type.String(),
    portion: Nullable(Type.String()),
    grams: Type.Number(),
    count: Type.Number(),
    nutrients: EntryAmounts,
  },
  { additionalProperties: false },
);

export type JournalEntryAnswer = Static<typeof JournalEntryAnswer>;

const Reference = Type.Object({ amount: Type.Number(), kind: StringEnum(['about', 'at_most', 'at_least'] as const) }, { additionalProperties: false });

export const JournalDayAnswer = Type.Object(
  {
    personId: Type.String(),
    date: LocalDate,
    entries: ReadonlyList(JournalEntryAnswer),
    totals: DayAmounts,
    references: Type.Object({ kcal: Reference, sodium_mg: Reference, caffeine_mg: Reference, drunk_ml: Reference }, { additionalProperties: false, description: 'reference amounts a day for an adult, not personal advice' }),
  },
  { additionalProperties: false },
);
export type JournalDayAnswer = Static<typeof JournalDayAnswer>;

/** `GET /api/v1/people/:id/food-journal/recent`: the foods written down last, each once, the latest first. */
export const RecentFoodsAnswer = ReadonlyList(
  Type.Object({ foodId: Type.String(), name: Type.String(), portion: Nullable(Type.String()), grams: Type.Number(), meal: Meal, last: Time }, { additionalProperties: false }),
);
export type RecentFoodsAnswer = Static<typeof RecentFoodsAnswer>;

/** `GET /api/v1/people/:id/food-journal/trends?days`: the last days (28 when not asked), oldest first. */
export const TrendsQuery = Type.Object({ days: Type.Optional(Type.Integer({ minimum: 7, maximum: 90, default: 28 })) }, { additionalProperties: false });

export const TrendsAnswer = ReadonlyList(
  Type.Object(
    {
      date: LocalDate,
      kcal: Type.Number(),
      sodium_mg: Type.Number(),
      caffeine_mg: Type.Number(),
      alcohol_g: Type.Number(),
      drunk_ml: Type.Number(),
      entries: Type.Integer({ description: 'entries written that day: none is a journal not kept, not a day without food' }),
      systolic: Nullable(Type.Number({ description: 'the day’s mean systolic pressure, mmHg' })),
      weightKg: Nullable(Type.Number({ description: 'the day’s mean weight, kg' })),
    },
    { additionalProperties: false },
  ),
);
export type TrendsAnswer = Static<typeof TrendsAnswer>;
