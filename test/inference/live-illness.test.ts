import t from 'tap';
import { HOUR_MS } from '../../hub/inference/resting-hr.js';
import { startLiveHub } from './live-hub.js';
import { DEFAULT_CONFIG } from '../../hub/config/defaults.js';
import { modelsDir } from './paths.js';

const START = Date.UTC(2026, 2, 2, 0, 0, 0);
const MINUTE = 60_000;
const DAYS = 6;
/** Sam's resting heart rate rises by this much for the last day and a half (an oncoming infection). */
const RISE_FROM_HOUR = 4 * 24 + 12;
const RISE_BPM = 12;

/** A small deterministic wobble, so that the hours are not all the same. */
function wobble(minute: number): number {
  return ((minute * 7919) % 13) / 6 - 1;
}

t.test('the hourly job writes resting heart rate and illness score, and a sustained rise raises one insight', async (t) => {
  const live = await startLiveHub({
    startTs: START,
    config: { inference: { ...DEFAULT_CONFIG.inference, modelsDir, illness: { enabled: true, catchUpHours: DAYS * 24 } } },
  });
  t.teardown(() => live.hub.stop());
  const { hub, clock } = live;
  for (let hour = 0; hour < DAYS * 24; hour++) {
    const hr = [];
    const steps = [];
    const still = [];
    for (let m = 0; m < 60; m++) {
      const minute = hour * 60 + m;
      const ts = START + minute * MINUTE;
      const circadian = 4 * Math.sin((2 * Math.PI * (hour % 24)) / 24);
      const bpm = 60 + circadian + wobble(minute) + (hour >= RISE_FROM_HOUR ? RISE_BPM : 0);
      hr.push({ metric: 'heart_rate' as const, value: Math.round(bpm), ts: ts + 30_000 });
      // Sam walks for ten minutes every hour; the minutes after a walk are not resting.
      steps.push({ metric: 'steps' as const, value: m < 10 ? 90 : 0, ts: ts + 59_000 });
      // Alex wears only a chest strap: heart rate, no step counter.
      still.push({ metric: 'heart_rate' as const, value: Math.round(64 + circadian + wobble(minute + 5) + (m < 10 ? 25 : 0)), ts: ts + 30_000 });
    }
    clock.set(START + (hour + 1) * HOUR_MS);
    hub.context.ingest.submit({ deviceId: 'watch-sam', readings: [...hr, ...steps] });
    hub.context.ingest.submit({ deviceId: 'strap-alex', readings: still });
  }
  await hub.store.writer.flushed();
  clock.set(START + DAYS * 24 * HOUR_MS + 5 * MINUTE);
  const monitor = live.part().illnessMonitor;
  if (monitor === undefined) throw new Error('no illness monitor');
  await monitor.runHourly();

  const resting = (person: string) => live.derived.filter((r) => r.metric === 'resting_heart_rate' && r.personId === person);
  t.equal(resting('sam').length, DAYS * 24, 'one resting heart rate per hour');
  const calm = resting('sam').filter((r) => r.ts < START + RISE_FROM_HOUR * HOUR_MS);
  t.ok(calm.every((r) => Math.abs(r.value - 60) < 6), 'resting HR follows the still minutes only (walks left out)');
  t.equal(resting('alex').length, DAYS * 24, 'a person without a step counter still gets a resting heart rate');
  t.ok(resting('alex').every((r) => r.value < 70), 'from the calmest minutes of the hour, not the walks');

  const scores = live.derived.filter((r) => r.metric === 'illness_score' && r.personId === 'sam');
  t.ok(scores.length >= 24 * 2, `illness score once the baseline has two days (${scores.length} hours)`);
  const insights = live.insights.filter((i) => i.personId === 'sam');
  t.equal(insights.length, 1, 'the rise raises one insight');
  const insight = insights[0];
  t.equal(insight?.model, 'illness-rhr');
  t.ok((insight?.ts ?? 0) >= START + RISE_FROM_HOUR * HOUR_MS, 'not before the rise');
  t.ok((insight?.ts ?? Infinity) <= START + (RISE_FROM_HOUR + 24) * HOUR_MS, 'within a day of it');
  t.match(insight?.explanation, /against your usual 6\d bpm/, 'against the personal baseline');
  t.same(live.insights.filter((i) => i.personId === 'alex'), [], 'no insight for a steady heart');
  t.same(live.part().insights.list(['sam']).map((i) => i.id), [insight?.id], 'persisted');

  // The next run has nothing left to do: hours are done once, even across restarts.
  const written = live.derived.length;
  await monitor.runHourly();
  t.equal(live.derived.length, written, 'no hour is done twice');
});
