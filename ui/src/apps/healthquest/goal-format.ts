/** How HealthQuest says a goal's target and a day's value. */
import type { GoalAnswer, GoalTemplateAnswer } from '../../../../hub/api/contract/goals.js';
import { KG_PER_LB } from '../../../../core/units.js';
import { householdSettings } from '../../state/settings.js';

export type TargetKind = GoalTemplateAnswer['targetKind'];

export function formatAmount(kind: TargetKind, value: number): string {
  switch (kind) {
    case 'steps':
      return `${Math.round(value).toLocaleString()} steps`;
    case 'minutes': {
      const whole = Math.round(value);
      return `${Math.floor(whole / 60)} h ${whole % 60} min`;
    }
    case 'clock': {
      const m = ((Math.round(value) % 1440) + 1440) % 1440;
      return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    }
    case 'none':
      return `${Math.round(value)} of 2`;
    case 'kg':
      return weightText(value);
    case 'ml':
      return `${Math.round(value).toLocaleString()} mL`;
  }
}

/** A weight in the household's unit: "70.0 kg", or "154.3 lb" when it reads pounds. */
export function weightText(kg: number): string {
  return inPounds() ? `${(kg / KG_PER_LB).toFixed(1)} lb` : `${kg.toFixed(1)} kg`;
}

export function inPounds(): boolean {
  return householdSettings.value.units === 'imperial';
}

/** "8,000 steps a day", "at least 7 h 0 min", "asleep at 22:30, give or take half an hour". */
export function targetText(kind: TargetKind, target: number): string {
  switch (kind) {
    case 'steps':
      return `${formatAmount(kind, target)} a day`;
    case 'minutes':
      return `at least ${formatAmount(kind, target)}`;
    case 'clock':
      return `asleep at ${formatAmount(kind, target)}, give or take half an hour`;
    case 'none':
      return 'one before noon and one after 17:00';
    case 'kg':
      return `toward ${formatAmount(kind, target)}: a week's average within ${inPounds() ? '1.1 lb' : '0.5 kg'} of it, or closer to it than the week before`;
    case 'ml':
      return `${formatAmount(kind, target)} of drinks a day, as the food journal has them`;
  }
}

/** A clock target as the time input shows it, and back. */
export function clockValue(minutes: number): string {
  return formatAmount('clock', minutes);
}

export function minutesOfClock(value: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (match === null) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The evening's gentle word when a streak could still be kept today (the hub says when: `atRisk`). */
export function nudgeText(goal: Pick<GoalAnswer, 'template' | 'target' | 'streak'>, value: number | null): string {
  const keep = `Keep your ${goal.streak.current}-day streak: `;
  if (goal.template === 'steps') return `${keep}${Math.max(0, Math.round(goal.target - (value ?? 0))).toLocaleString()} steps to go today.`;
  if (goal.template === 'water') return `${keep}${Math.max(0, Math.round(goal.target - (value ?? 0))).toLocaleString()} mL to drink today.`;
  return `${keep}measure your blood pressure this evening.`;
}
