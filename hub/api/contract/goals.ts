import Type, { type Static } from 'typebox';
import { GOAL_TEMPLATE_IDS } from '../../apps/healthquest/goal-templates.js';
import { Id, LocalDate, Nullable, ReadonlyList, StringEnum, Time } from './primitives.js';

const Status = StringEnum(['met', 'missed', 'no_data'] as const);

/** `GET /api/v1/goals?personId`: a person's goals, streaks, points, level and badges. */
export const GoalsQuery = Type.Object({ personId: Id }, { additionalProperties: false });
export type GoalsQuery = Static<typeof GoalsQuery>;

/** `POST /api/v1/goals`: a goal from a template; the target defaults to the template's. */
export const NewGoal = Type.Object(
  { personId: Id, template: StringEnum(GOAL_TEMPLATE_IDS), target: Type.Optional(Type.Number()) },
  { additionalProperties: false },
);
export type NewGoal = Static<typeof NewGoal>;

/** `PATCH /api/v1/goals/:id`: a new target. */
export const GoalChange = Type.Object({ target: Type.Number() }, { additionalProperties: false });
export type GoalChange = Static<typeof GoalChange>;

/** `PUT /api/v1/goals/:id/days/:date`: a day without data the person says was missed (or not). */
export const DayParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }), date: LocalDate }, { additionalProperties: false });
export const DayDeclaration = Type.Object({ missed: Type.Boolean() }, { additionalProperties: false });

const GoalDayAnswer = Type.Object(
  {
    date: LocalDate,
    status: Status,
    /** The target the day was judged on: a changed target holds from the day it was set. */
    target: Type.Number(),
    /** In the target's terms (steps, minutes, clock minute, measurements); null without data. */
    value: Nullable(Type.Number()),
    progress: Type.Number({ minimum: 0, maximum: 1 }),
    declaredMissed: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const GoalAnswer = Type.Object(
  {
    id: Type.String(),
    personId: Id,
    template: StringEnum(GOAL_TEMPLATE_IDS),
    label: Type.String(),
    target: Type.Number(),
    created: Time,
    today: Type.Optional(GoalDayAnswer),
    streak: Type.Object({ current: Type.Integer({ minimum: 0 }), best: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    /** The last twelve weeks, oldest first. */
    days: ReadonlyList(GoalDayAnswer),
    /** From 18:00, a streak of two days or more that today's goal, not met yet, could still keep. */
    atRisk: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type GoalAnswer = Static<typeof GoalAnswer>;

export const QuestAnswer = Type.Object(
  {
    personId: Id,
    /** The household's local date now. */
    today: LocalDate,
    points: Type.Integer({ minimum: 0 }),
    level: Type.Integer({ minimum: 1 }),
    levelFloor: Type.Integer({ minimum: 0 }),
    nextLevelAt: Nullable(Type.Integer()),
    badges: ReadonlyList(Type.Object({ id: Type.String(), label: Type.String() }, { additionalProperties: false })),
    goals: ReadonlyList(GoalAnswer),
  },
  { additionalProperties: false },
);
export type QuestAnswer = Static<typeof QuestAnswer>;

/** `GET /api/v1/goal-templates`: the goals there are to choose from, with their targets' bounds. */
export const GoalTemplateAnswer = Type.Object(
  {
    id: StringEnum(GOAL_TEMPLATE_IDS),
    label: Type.String(),
    /** How the target reads: a step count, minutes, a clock time (minutes after midnight), a weight in kg, or no target. */
    targetKind: StringEnum(['steps', 'minutes', 'clock', 'none', 'kg', 'ml'] as const),
    defaultTarget: Type.Number(),
    minTarget: Type.Number(),
    maxTarget: Type.Number(),
    withoutData: StringEnum(['no_data', 'missed'] as const),
  },
  { additionalProperties: false },
);
export type GoalTemplateAnswer = Static<typeof GoalTemplateAnswer>;
export const GoalTemplatesAnswer = ReadonlyList(GoalTemplateAnswer);

export const CreatedGoal = Type.Object({ id: Type.String(), personId: Id, template: StringEnum(GOAL_TEMPLATE_IDS), target: Type.Number(), created: Time }, { additionalProperties: false });

/** `GET /api/v1/goal-faces`: for each person the asker may read who has goals, what their tile shows. */
export const QuestFaceAnswer = Type.Object(
  {
    personId: Id,
    level: Type.Integer({ minimum: 1 }),
    /** The longest streak going on among their goals. */
    streak: Type.Integer({ minimum: 0 }),
    goals: Type.Integer({ minimum: 1 }),
    metToday: Type.Integer({ minimum: 0 }),
    /** Goals whose streak is at risk today. */
    atRisk: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type QuestFaceAnswer = Static<typeof QuestFaceAnswer>;
export const QuestFacesAnswer = ReadonlyList(QuestFaceAnswer);
