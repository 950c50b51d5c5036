import Type, { type Static } from 'typebox';
import { CHALLENGE_TEMPLATE_IDS, MAX_CHALLENGE_MEMBERS } from '../../apps/healthquest/challenge-templates.js';
import { Id, LocalDate, ReadonlyList, StringEnum, Time } from './primitives.js';


/** `POST /api/v1/challenges`: a shared goal for some of the household, from a template. */
export const NewChallenge = Type.Object(
  {
    template: StringEnum(CHALLENGE_TEMPLATE_IDS),
    personIds: Type.Array(Id, { minItems: 2, maxItems: MAX_CHALLENGE_MEMBERS, uniqueItems: true }),
    target: Type.Optional(Type.Number()),
    /** The household's local date it starts; today when not given. */
    firstDate: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type NewChallenge = Static<typeof NewChallenge>;

/** A challenge and its board: each member's share of the goal as progress only, never their readings. */
export const ChallengeAnswer = Type.Object(
  {
    id: Type.String(),
    template: StringEnum(CHALLENGE_TEMPLATE_IDS),
    label: Type.String(),
    /** Steps for a steps challenge, days for a daily one. */
    target: Type.Number(),
    firstDate: LocalDate,
    lastDate: LocalDate,
    created: Time,
    today: LocalDate,
    status: StringEnum(['upcoming', 'running', 'reached', 'ended'] as const),
    progress: Type.Number({ minimum: 0, maximum: 1 }),
    members: ReadonlyList(
      Type.Object({ personId: Id, name: Type.String(), share: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type ChallengeAnswer = Static<typeof ChallengeAnswer>;
export const ChallengesAnswer = ReadonlyList(ChallengeAnswer);

/** `GET /api/v1/challenge-templates`. */
export const ChallengeTemplateAnswer = Type.Object(
  { id: StringEnum(CHALLENGE_TEMPLATE_IDS), label: Type.String(), shareOf: StringEnum(['steps', 'days_measured'] as const), defaultTarget: Type.Number(), minTarget: Type.Number(), maxTarget: Type.Number(), days: Type.Integer() },
  { additionalProperties: false },
);
export type ChallengeTemplateAnswer = Static<typeof ChallengeTemplateAnswer>;
export const ChallengeTemplatesAnswer = ReadonlyList(ChallengeTemplateAnswer);
