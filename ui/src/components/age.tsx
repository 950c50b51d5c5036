import { formatAge, formatDateTime } from '../format/freshness.js';
import { now } from '../state/clock.js';

interface AgeProps {
  readonly ts: number;
  readonly class?: string;
  /** The exact time on hover; a vital shows it with seconds. */
  readonly title?: string;
}

/** "12 s ago", kept current by the shared clock. */
export function Age({ ts, class: className, title }: AgeProps) {
  return (
    <span class={className} title={title ?? formatDateTime(ts)}>
      {formatAge(ts, now.value)}
    </span>
  );
}
