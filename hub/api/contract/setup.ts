import Type, { type Static } from 'typebox';
import { SETUP_STEPS } from '../../accounts/setup-progress.js';
import { StringEnum, Time } from './primitives.js';

/** The first-run setup's steps, in order. */
export const SetupStep = StringEnum(SETUP_STEPS);
export type SetupStep = Static<typeof SetupStep>;

/**
 * `GET` and `PUT /api/v1/setup` (the owner only): where the owner is in the first-run setup.
 * `not_started` (no step) on a hub whose owner was not made on the dashboard's first run.
 */
export const SetupProgress = Type.Union([
  Type.Object({ state: Type.Literal('not_started') }, { additionalProperties: false }),
  Type.Object({ state: StringEnum(['in_progress', 'done']), step: SetupStep, updatedAt: Time }, { additionalProperties: false }),
]);
export type SetupProgress = Static<typeof SetupProgress>;

/** `PUT /api/v1/setup`: the step the owner is on now, and whether the setup is finished. */
export const SetupProgressBody = Type.Object({ step: SetupStep, done: Type.Boolean() }, { additionalProperties: false });
export type SetupProgressBody = Static<typeof SetupProgressBody>;
