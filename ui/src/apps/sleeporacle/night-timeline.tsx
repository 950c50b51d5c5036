import type { SleepSession } from '../../api/types.js';
import { formatTime } from '../../format/freshness.js';
import { hoursAndMinutes, nightLabel } from './sleep-format.js';

const HOUR = 3_600_000;
/** Each row runs from noon to noon, in the browser's time: an early night or a late lie-in still fits. */
const ROW_START_HOUR = 12;
const ROW_HOURS = 24;

interface NightTimelineProps {
  readonly nights: readonly SleepSession[];
  readonly chosen: number | undefined;
  readonly onChoose: (start: number) => void;
}

/** A row a night: asleep as a bar, awake periods cut out of it; each row a button naming what it shows. */
export function NightTimeline({ nights, chosen, onChoose }: NightTimelineProps) {
  return (
    <ol class="night-timeline">
      {[...nights].reverse().map((night) => {
        const rowStart = rowStartFor(night.start);
        const x = (t: number): number => Math.max(0, Math.min(100, ((t - rowStart) / (ROW_HOURS * HOUR)) * 100));
        // Read out after the visible date and length: the times the bar draws, the awakenings, the score.
        const details = `: asleep ${formatTime(night.start)} to ${formatTime(night.end)}, ${night.awakenings === 1 ? '1 awakening' : `${night.awakenings} awakenings`}, score ${night.score.score}, `;
        return (
          <li key={night.start}>
            <button type="button" class="night-row" aria-pressed={night.start === chosen} onClick={() => onChoose(night.start)}>
              <span class="night-date">{nightLabel(night.night)}</span>
              <span class="visually-hidden">{details}</span>
              <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="night-bed" x={x(night.start)} y={1} width={x(night.end) - x(night.start)} height={8} />
                {night.awake.map((period) => (
                  <rect key={period.start} class="night-awake" x={x(period.start)} y={0} width={Math.max(0.4, x(period.end) - x(period.start))} height={10} />
                ))}
              </svg>
              <span class="night-length">{hoursAndMinutes(night.asleepMinutes)}</span>
            </button>
          </li>
        );
      })}
      <li class="night-axis" aria-hidden="true">
        <span class="night-axis-ticks">
          <span>12:00</span>
          <span>18:00</span>
          <span>00:00</span>
          <span>06:00</span>
          <span>12:00</span>
        </span>
      </li>
    </ol>
  );
}

function rowStartFor(sessionStart: number): number {
  const start = new Date(sessionStart);
  // A session starting before noon belongs to a row that began the evening before.
  if (start.getHours() < 12) start.setDate(start.getDate() - 1);
  start.setHours(ROW_START_HOUR, 0, 0, 0);
  return start.getTime();
}
