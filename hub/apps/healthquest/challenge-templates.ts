/**
 * The household challenges there are: a goal the members share for a week. The board of one says
 * each member's part in it as progress only (a share of the goal), never the readings behind it.
 */
export type ChallengeTemplateId = 'steps_together' | 'bp_daily';

export interface ChallengeTemplate {
  readonly id: ChallengeTemplateId;
  readonly label: string;
  /** What each member's share is made of. */
  readonly shareOf: 'steps' | 'days_measured';
  readonly defaultTarget: number;
  readonly minTarget: number;
  readonly maxTarget: number;
  readonly days: number;
}

export const CHALLENGE_TEMPLATES: Readonly<Record<ChallengeTemplateId, ChallengeTemplate>> = {
  // A week of steps, added up over everyone taking part.
  steps_together: { id: 'steps_together', label: 'Steps together this week', shareOf: 'steps', defaultTarget: 50_000, minTarget: 10_000, maxTarget: 1_000_000, days: 7 },
  // Everyone measures their blood pressure every day of the week: the target is the days.
  bp_daily: { id: 'bp_daily', label: 'Everyone measures blood pressure daily', shareOf: 'days_measured', defaultTarget: 7, minTarget: 7, maxTarget: 7, days: 7 },
};

export const CHALLENGE_TEMPLATE_IDS = Object.keys(CHALLENGE_TEMPLATES) as ChallengeTemplateId[];

/** At most this many people take part in one challenge: a household, not a city. */
export const MAX_CHALLENGE_MEMBERS = 12;
