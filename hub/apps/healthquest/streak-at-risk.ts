/**
 * The dashboard's nudge: a streak of days met that today could still keep, late in the day, while
 * the day's goal is not met yet. It is shown where the person looks (their goal and their tile),
 * never sent or spoken, so it needs no quiet hours and never comes more often than they look. Pure.
 */
import type { DayStatus, GoalTemplateId } from './goal-templates.js';

/** From this local time a streak not yet kept today is said to be at risk. */
export const AT_RISK_FROM_MINUTE = 18 * 60;
/** A streak worth a word: two days or more. */
export const AT_RISK_STREAK = 2;
/** The goals a day can still meet in its evening; a night's are judged the next morning. */
const DAY_GOALS: ReadonlySet<GoalTemplateId> = new Set(['steps', 'bp_twice', 'water']);

export function streakAtRisk(template: GoalTemplateId, today: DayStatus | undefined, streak: number, localMinute: number): boolean {
  return DAY_GOALS.has(template) && today !== 'met' && streak >= AT_RISK_STREAK && localMinute >= AT_RISK_FROM_MINUTE;
}
