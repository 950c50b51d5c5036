import { householdSettings } from '../state/settings.js';

/** "12 s ago", "5 min ago", "3 h ago", "2 days ago", or the date when older than a week. */
export function formatAge(ts: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - ts) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return days === 1 ? 'yesterday' : `${days} days ago`;
  return formatDate(ts);
}

export function formatDate(ts: number): string {
  return new Date(ts).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

/** 24- or 12-hour time, as the household chose. */
function hour12(): boolean {
  return householdSettings.value.timeFormat === '12h';
}

export function formatDateTime(ts: number): string {
  return new Date(ts).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: hour12() });
}

/** The exact moment, with seconds (a vital's time on hover). */
export function formatMoment(ts: number): string {
  return new Date(ts).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: hour12() });
}

export function formatTime(ts: number): string {
  return new Date(ts).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: hour12() });
}

const DAY_MS = 86_400_000;

/** A chart's time tick: the time of day while ticks are less than a day apart, else the date. */
export function formatTimeTick(ts: number, stepMs: number): string {
  if (stepMs >= DAY_MS) return new Date(ts).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  const time = formatTime(ts);
  const date = new Date(ts);
  // Midnight ticks carry the date, so a two-day chart says which day is which.
  return date.getHours() === 0 && date.getMinutes() === 0 ? `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}\n${time}` : time;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const hours = Math.round(m / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
