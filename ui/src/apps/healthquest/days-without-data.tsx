import type { GoalAnswer } from '../../../../hub/api/contract/goals.js';
import { api } from '../../api/client.js';
import type { Act } from '../../components/use-action.js';
import { addDays, dateLabel } from '../../format/local-date.js';

/** Days without data looked back over: a fortnight is what a person remembers. */
const LOOKED_BACK_DAYS = 14;

/**
 * The goal's recent days without data (a pedometer off, a strap left in a drawer): they neither
 * break nor add to a streak, unless the person says they missed the day all the same.
 */
export function DaysWithoutData({ goal, today, act }: { readonly goal: GoalAnswer; readonly today: string; readonly act: Act }) {
  const from = addDays(today, -LOOKED_BACK_DAYS);
  const days = goal.days.filter((d) => d.status === 'no_data' && d.date >= from && d.date < today).reverse();
  const declared = goal.days.filter((d) => d.declaredMissed === true && d.date >= from);
  const shown = [...declared, ...days.filter((d) => d.declaredMissed !== true)].sort((a, b) => b.date.localeCompare(a.date));
  if (shown.length === 0) return null;
  const say = (date: string, missed: boolean): void =>
    void act(
      () => api.put(`/goals/${encodeURIComponent(goal.id)}/days/${date}`, { missed }),
      missed ? `${dateLabel(date)}: counted as missed; the streak counts from after it.` : `${dateLabel(date)}: a day without data again.`,
    );
  return (
    <details class="days-without-data">
      <summary>
        Days without data in the last two weeks: {shown.length - declared.length}
        {declared.length > 0 && `; said to be missed: ${declared.length}`}
      </summary>
      <p class="hint">A day the device sent nothing neither breaks nor adds to the streak. If you missed the goal that day all the same, say so.</p>
      <ul class="plain-list">
        {shown.map((d) => (
          <li key={d.date} class="row" data-date={d.date}>
            <span>{dateLabel(d.date)}</span>
            {d.declaredMissed === true ? (
              <button type="button" class="small" onClick={() => say(d.date, false)}>
                Take back<span class="visually-hidden"> {dateLabel(d.date)}</span>
              </button>
            ) : (
              <button type="button" class="small" onClick={() => say(d.date, true)}>
                I missed it<span class="visually-hidden"> on {dateLabel(d.date)}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
