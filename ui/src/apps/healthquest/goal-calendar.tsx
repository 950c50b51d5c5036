import type { GoalAnswer } from '../../../../hub/api/contract/goals.js';
import { addDays, dateLabel } from '../../format/local-date.js';
import { formatAmount, type TargetKind } from './goal-format.js';

type GoalDayAnswer = GoalAnswer['days'][number];

const CELL = 14;
const GAP = 3;
const WEEKS = 12;

const STATUS_WORDS = { met: 'met', missed: 'missed', no_data: 'no data' } as const;

function dayOfWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  // Monday first.
  return (new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7;
}

/**
 * A goal's last twelve weeks as a heat map, a column a week from Monday, today last: met, missed
 * (crossed, not told by colour alone), no data, or not yet a goal. Each day names itself to a
 * pointer; a screen reader gets the summary and the last two weeks day by day in a list.
 */
export function GoalCalendar({ days, today, kind }: { readonly days: readonly GoalDayAnswer[]; readonly today: string; readonly kind: TargetKind }) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const lastMonday = addDays(today, -dayOfWeek(today));
  const firstMonday = addDays(lastMonday, -7 * (WEEKS - 1));
  const cells = [];
  const recent: string[] = [];
  for (let week = 0; week < WEEKS; week++) {
    for (let weekday = 0; weekday < 7; weekday++) {
      const date = addDays(firstMonday, week * 7 + weekday);
      if (date > today) continue;
      const day = byDate.get(date);
      const status = day === undefined ? 'none' : day.declaredMissed === true ? 'missed' : day.status;
      const words = day === undefined ? 'not a goal yet' : `${STATUS_WORDS[day.status]}${day.declaredMissed === true ? ' (said to be missed)' : ''}${day.value === null ? '' : `, ${formatAmount(kind, day.value)}`}`;
      const x = week * (CELL + GAP);
      const y = weekday * (CELL + GAP);
      cells.push(
        <g key={date}>
          <rect class={`goal-day goal-${status}`} x={x} y={y} width={CELL} height={CELL} rx={3} data-date={date} data-status={status}>
            <title>{`${dateLabel(date)}: ${words}`}</title>
          </rect>
          {status === 'missed' && <path class="goal-cross" d={`M${x + 4} ${y + 4} L${x + CELL - 4} ${y + CELL - 4} M${x + CELL - 4} ${y + 4} L${x + 4} ${y + CELL - 4}`} />}
        </g>,
      );
      if (date > addDays(today, -14)) recent.push(`${dateLabel(date)}: ${words}`);
    }
  }
  const met = days.filter((d) => d.status === 'met').length;
  const missed = days.filter((d) => d.status === 'missed' || d.declaredMissed === true).length;
  return (
    <figure class="goal-calendar">
      <svg
        viewBox={`0 0 ${WEEKS * (CELL + GAP) - GAP} ${7 * (CELL + GAP) - GAP}`}
        role="img"
        aria-label={`The last ${WEEKS} weeks: met on ${met} days, missed on ${missed}, the rest without data or before the goal`}
      >
        {cells}
      </svg>
      <figcaption class="goal-legend">
        <span class="goal-key goal-met" aria-hidden="true" /> met <span class="goal-key goal-missed" aria-hidden="true">×</span> missed{' '}
        <span class="goal-key goal-no_data" aria-hidden="true" /> no data <span class="goal-key goal-none" aria-hidden="true" /> not a goal yet
      </figcaption>
      <ol class="visually-hidden" aria-label="The last two weeks">
        {recent.reverse().map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
    </figure>
  );
}
