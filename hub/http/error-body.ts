import Type, { type Static } from 'typebox';

/** Every refusal: a stable code the dashboard switches on and a sentence for people. */
export const ErrorBody = Type.Object({ error: Type.String(), message: Type.String() }, { additionalProperties: false });
export type ErrorBody = Static<typeof ErrorBody>;
