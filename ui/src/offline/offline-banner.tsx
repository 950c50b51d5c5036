import { formatAge, formatTime } from '../format/freshness.js';
import { now } from '../state/clock.js';

interface OfflineBannerProps {
  readonly savedAt: number;
  readonly onRetry: () => void;
}

/** Says plainly that the values on screen are old ones kept by this browser, and from when. */
export function OfflineBanner({ savedAt, onRetry }: OfflineBannerProps) {
  return (
    <div class="notice notice-warning offline-banner" role="alert">
      <p>
        <strong>Hub unreachable</strong> — values from {formatTime(savedAt)} ({formatAge(savedAt, now.value)}). They are the last ones this device received and do not change until the hub answers again.
      </p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
