import Type, { type Static } from 'typebox';
import { Nullable, ReadonlyList } from './primitives.js';

/** `GET /api/v1/foods?q&limit`: the food table searched as someone types. */
export const FoodsQuery = Type.Object(
  { q: Type.String({ maxLength: 200 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })) },
  { additionalProperties: false },
);
export type FoodsQuery = Static<typeof FoodsQuery>;

export const FoodIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{5}$' }) }, { additionalProperties: false });

const PerHundredGrams = Type.Object(
  {
    kcal: Nullable(Type.Number()),
    protein_g: Nullable(Type.Number()),
    fat_g: Nullable(Type.Number()),
    carbs_g: Nullable(Type.Number()),
    sugars_g: Nullable(Type.Number()),
    fiber_g: Nullable(Type.Number()),
    sodium_mg: Nullable(Type.Number()),
    water_g: Nullable(Type.Number()),
    caffeine_mg: Nullable(Type.Number()),
    alcohol_g: Nullable(Type.Number()),
  },
  { additionalProperties: false, description: 'per 100 g of the edible portion; null where the table has no value (not zero)' },
);

export const FoodAnswer = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    category: Type.String(),
    per100g: PerHundredGrams,
    portions: ReadonlyList(Type.Object({ description: Type.String(), grams: Type.Number() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type FoodAnswer = Static<typeof FoodAnswer>;
export const FoodsAnswer = ReadonlyList(FoodAnswer);
