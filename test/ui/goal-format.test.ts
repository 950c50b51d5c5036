import t from 'tap';
import { importUiModules } from './helpers/ui-modules.js';

interface Modules {
  nudgeText: (goal: { template: string; target: number; streak: { current: number; best: number } }, value: number | null) => string;
  targetText: (kind: string, target: number) => string;
  formatAmount: (kind: string, value: number) => string;
  householdSettings: { value: { units: string } };
}

t.test('HealthQuest in words: the evening nudge, and a weight in the household’s unit', async (t) => {
  const { nudgeText, targetText, formatAmount, householdSettings } = await importUiModules<Modules>(['apps/healthquest/goal-format.ts', 'state/settings.ts']);
  t.equal(nudgeText({ template: 'steps', target: 8000, streak: { current: 5, best: 9 } }, 6200), 'Keep your 5-day streak: 1,800 steps to go today.');
  t.equal(nudgeText({ template: 'steps', target: 8000, streak: { current: 2, best: 2 } }, null), 'Keep your 2-day streak: 8,000 steps to go today.', 'no steps yet today');
  t.equal(nudgeText({ template: 'bp_twice', target: 2, streak: { current: 3, best: 3 } }, 1), 'Keep your 3-day streak: measure your blood pressure this evening.');

  const before = householdSettings.value;
  t.teardown(() => (householdSettings.value = before));
  t.equal(formatAmount('kg', 72.5), '72.5 kg');
  t.equal(targetText('kg', 72.5), "toward 72.5 kg: a week's average within 0.5 kg of it, or closer to it than the week before");
  householdSettings.value = { ...before, units: 'imperial' };
  t.equal(formatAmount('kg', 72.5), '159.8 lb', 'in pounds where the household reads them');
  t.equal(targetText('kg', 72.5), "toward 159.8 lb: a week's average within 1.1 lb of it, or closer to it than the week before");
});
