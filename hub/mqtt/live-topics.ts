import type { AlertChangedEvent } from '../bus/hub-events.js';
import { METRICS, type MetricId } from '../../core/metrics.js';
import type { Reading } from '../../core/reading.js';
import { ALERTS_TOPIC } from './topic-acl.js';

/** `hearth/<personId|unassigned>/<metric>` (docs/architecture.md). */
export function liveReadingTopic(reading: Pick<Reading, 'personId' | 'metric'>): string {
  return `hearth/${reading.personId ?? 'unassigned'}/${reading.metric}`;
}

/**
 * Occasional readings (a weighing, a blood pressure) are kept by the broker, so that a reader
 * connecting hours later still sees the last one; streamed ones are not, so that nobody is shown
 * a pulse from yesterday as the current one; nor are journal entries.
 */
export function retainLiveReading(metric: string): boolean {
  const def = METRICS.get(metric as MetricId);
  // A journal entry (one meal's energy, a dose taken) is no current value of anything.
  return def?.cadence === 'occasional' && def.journal !== true;
}

/** Alerts go to `hearth/alerts` for speakers and integrations, and to the person's own topic for members. */
export function alertTopics(alert: Pick<AlertChangedEvent, 'personId'>): string[] {
  return alert.personId === undefined ? [ALERTS_TOPIC] : [ALERTS_TOPIC, `hearth/${alert.personId}/alerts`];
}

/** The alert as speakers and integrations read it: `spoken` is ready for text-to-speech. */
export function alertPayload(alert: AlertChangedEvent): string {
  return JSON.stringify({
    id: alert.id,
    ...(alert.personId !== undefined ? { personId: alert.personId } : {}),
    severity: alert.severity,
    title: alert.title,
    spoken: alert.spoken,
    explanation: alert.explanation,
    state: alert.state,
    ts: alert.ts,
  });
}
