import type { Goal, StoredDay } from '../apps/healthquest/goal-store.js';
import type { GoalTemplateId } from '../apps/healthquest/goal-templates.js';
import type { BadgeId, Streak } from '../apps/healthquest/streaks.js';
import type { Board } from '../apps/healthquest/challenge-board.js';
import type { Challenge } from '../apps/healthquest/challenge-store.js';
import type { ChallengeTemplateId } from '../apps/healthquest/challenge-templates.js';

/** A goal as the API shows it: its target, today, its streak and its recent days. */
export interface GoalSummary extends Goal {
  readonly label: string;
  readonly today: StoredDay | undefined;
  readonly streak: Streak;
  /** The last weeks' days, oldest first (the calendar). */
  readonly days: readonly StoredDay[];
  /** Late in the day, a streak that today could still keep and has not yet (streak-at-risk.ts). */
  readonly atRisk: boolean;
}

/** A person's quest: their goals, the points and level they earned, their badges. */
export interface QuestSummary {
  readonly personId: string;
  readonly today: string;
  readonly points: number;
  readonly level: number;
  readonly levelFloor: number;
  readonly nextLevelAt: number | null;
  readonly badges: readonly { readonly id: BadgeId; readonly label: string }[];
  readonly goals: readonly GoalSummary[];
}

/** What a person's tile shows of their quest: level, the longest streak going on, today's goals met. */
export interface QuestFace {
  readonly personId: string;
  readonly level: number;
  readonly streak: number;
  readonly goals: number;
  readonly metToday: number;
  /** Goals whose streak is at risk today. */
  readonly atRisk: number;
}

/** What HealthQuest offers the API, while it runs. */
export interface GoalsView {
  quest(personId: string): QuestSummary;
  /** Undefined for someone without goals: their tile shows nothing of HealthQuest. */
  face(personId: string): QuestFace | undefined;
  goal(id: string): Goal | undefined;
  /** The person's goal of this template: each person has at most one of each. */
  goalOf(personId: string, template: GoalTemplateId): Goal | undefined;
  add(personId: string, template: GoalTemplateId, target: number): Goal;
  setTarget(id: string, target: number): void;
  remove(id: string): boolean;
  /** A day without data the person says was missed (or takes it back); false when that day had data. */
  declareMissed(id: string, date: string, missed: boolean): boolean;
  /** The household's local date now. */
  today(): string;
  challenges(): readonly Challenge[];
  challenge(id: string): Challenge | undefined;
  /** Starts on `firstDate` (the household's today when not given) for the template's days. */
  addChallenge(template: ChallengeTemplateId, target: number, personIds: readonly string[], firstDate?: string): Challenge;
  removeChallenge(id: string): boolean;
  /** How far the household got, and each member's share. */
  board(challenge: Challenge): ChallengeBoard;
}

/** A challenge with its board, as the API shows it. */
export interface ChallengeBoard extends Board {
  readonly today: string;
}
