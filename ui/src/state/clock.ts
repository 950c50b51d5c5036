import { signal } from '@preact/signals';

/**
 * The time every "… ago" on screen is measured against. One timer moves it on each second, and
 * only what reads it draws again.
 */
export const now = signal(Date.now());

export function startClock(): () => void {
  const timer = window.setInterval(() => (now.value = Date.now()), 1000);
  return () => window.clearInterval(timer);
}
