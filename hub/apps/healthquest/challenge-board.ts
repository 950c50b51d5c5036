/**
 * A challenge's board from each member's days: how far the household got together, and each
 * member's share of it. A share is rounded down to a twentieth of the goal (at least 500 steps of
 * the smallest steps goal), so that a board, however often it is asked for, does not carry a
 * member's counts or the course of their day to the others; the household's progress is rounded
 * down to whole percent, so that it never says 100 % before the goal is reached.
 */
import { CHALLENGE_TEMPLATES, type ChallengeTemplateId } from './challenge-templates.js';

export type ChallengeStatus = 'upcoming' | 'running' | 'reached' | 'ended';

/** What one member did on one day of the challenge, as the hub read it from their readings. */
export interface MemberDay {
  readonly steps: number | undefined;
  readonly bloodPressureMeasured: boolean;
}

export interface BoardInput {
  readonly template: ChallengeTemplateId;
  readonly target: number;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly today: string;
  /** Each member's days so far, in the challenge's dates up to today. */
  readonly members: readonly { readonly personId: string; readonly days: readonly MemberDay[] }[];
}

export interface Board {
  readonly status: ChallengeStatus;
  /** Of the whole goal, 0–1. */
  readonly progress: number;
  readonly shares: readonly { readonly personId: string; readonly share: number }[];
}

/** Rounded down to steps of `step` (fractions of 1), within 0–1. */
const floorTo = (x: number, steps: number): number => Math.floor(Math.min(1, Math.max(0, x)) * steps + 1e-9) / steps;
export const SHARE_STEPS = 20;

export function challengeBoard(input: BoardInput): Board {
  const template = CHALLENGE_TEMPLATES[input.template];
  const contributions = input.members.map((m) =>
    template.shareOf === 'steps' ? m.days.reduce((sum, d) => sum + (d.steps ?? 0), 0) : m.days.filter((d) => d.bloodPressureMeasured).length,
  );
  // Steps add up to one goal; measuring is everyone's own, so the household's progress is the members' average.
  const whole = template.shareOf === 'steps' ? input.target : input.target * Math.max(1, input.members.length);
  const done = contributions.reduce((a, b) => a + b, 0);
  const progress = whole > 0 ? Math.min(1, done / whole) : 0;
  const status: ChallengeStatus = input.today < input.firstDate ? 'upcoming' : progress >= 1 ? 'reached' : input.today > input.lastDate ? 'ended' : 'running';
  return {
    status,
    progress: floorTo(progress, 100),
    shares: input.members.map((m, i) => ({ personId: m.personId, share: floorTo(whole > 0 ? (contributions[i] ?? 0) / whole : 0, SHARE_STEPS) })),
  };
}
