import { join } from 'node:path';
import t from 'tap';
import { ManualClock } from '../../../core/clock.js';
import { SeededRandom } from '../../../core/seeded-random.js';
import { listApneaEcgRecords, readApneaEcgRecord } from '../../../hub/apps/sleeporacle/apnea-ecg-folder.js';
import { ApneaScreening } from '../../../hub/apps/sleeporacle/apnea-screening.js';
import { SleepOraclePart } from '../../../hub/apps/sleeporacle/sleeporacle-part.js';
import { alertsPart } from '../../../hub/alerts/alerts-part.js';
import { DEFAULT_CONFIG } from '../../../hub/config/defaults.js';
import type { HubPartFactory } from '../../../hub/daemon/hub-part.js';
import { inferencePart } from '../../../hub/inference/inference-part.js';
import { onboardOwner, startApiHub, type ApiHub } from '../../api/api-harness.js';
import { modelsDir, sharedDataDir } from '../../inference/paths.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Gran's first night: asleep at 22:00 UTC on 27 November; three nights follow one another.
const FIRST_NIGHT = Date.UTC(2026, 10, 27, 22, 0);

interface Night {
  readonly night: string;
  readonly kind: string;
  readonly start: number;
  readonly end: number;
  readonly oxygen: { readonly t88Minutes?: number } | null;
  readonly breathing: { readonly validMinutes: number; readonly estimatedAhi: number | null; readonly category: string | null; readonly model: string } | null;
}

interface Alert {
  readonly rule: string;
  readonly personId?: string;
  readonly title: string;
  readonly explanation: string;
}

function submit(api: ApiHub, deviceId: string, readings: readonly { metric: 'pulse_rate' | 'spo2' | 'rr_interval'; value: number; ts: number }[]): void {
  for (let i = 0; i < readings.length; i += 1000) {
    const batch = readings.slice(i, i + 1000);
    const result = api.hub.context.ingest.submit({ deviceId, readings: batch }, { reasons: true });
    if (result.accepted !== batch.length) throw new Error(`the gate refused readings: ${JSON.stringify(result)} ${JSON.stringify(batch.slice(0, 3))}`);
  }
}

t.test('a night of a chest strap is screened for breathing disorders; low oxygen and severe nights raise alerts that say why', async (t) => {
  // a01 of Apnea-ECG: a man whose recorded AHI is 69.6, severe by far; his RR is Gran's strap each night.
  const a01 = (await listApneaEcgRecords(join(sharedDataDir, 'apnea-ecg'))).find((r) => r.record === 'a01');
  if (a01 === undefined) throw new Error('a01 is missing from the shared data');
  const record = await readApneaEcgRecord(join(sharedDataDir, 'apnea-ecg'), a01);
  const sleptMs = Math.floor((record.beats[record.beats.length - 1]?.t ?? 0) * 1000);

  const clock = new ManualClock(FIRST_NIGHT - 14 * HOUR);
  let part: SleepOraclePart | undefined;
  const sleeporacle: HubPartFactory = (context) => (part = new SleepOraclePart(context));
  const api = await startApiHub({
    clock,
    consumers: [alertsPart, inferencePart, sleeporacle],
    config: {
      sleeporacle: { enabled: true, timeZone: 'Europe/London' },
      inference: { ...DEFAULT_CONFIG.inference, modelsDir },
      household: {
        people: [{ id: 'gran', name: 'Gran' }],
        devices: [
          { id: 'strap-gran', personId: 'gran', name: 'Gran’s strap' },
          { id: 'oximeter-gran', personId: 'gran', name: 'Gran’s oximeter' },
        ],
      },
    },
  });
  t.teardown(() => api.stop());
  if (part === undefined) throw new Error('the sleeporacle part did not start');

  const random = new SeededRandom(5);
  for (let n = 0; n < 3; n++) {
    const asleep = FIRST_NIGHT + n * DAY;
    const awake = asleep + sleptMs;
    // Two hours after waking: the readings are in, and the hourly analysis has the night as a finished one.
    clock.set(awake + 2 * HOUR);
    // The day around the night from the oximeter's pulse, the night's own beats from the strap.
    const pulse = [];
    for (let ts = asleep - 12 * HOUR; ts < awake + 2 * HOUR; ts += MINUTE) {
      const sleeping = ts >= asleep && ts < awake;
      pulse.push({ metric: 'pulse_rate' as const, value: Math.round(sleeping ? 52 + random.next() * 4 : 70 + random.next() * 25), ts });
    }
    submit(api, 'oximeter-gran', pulse);
    // Beats outside what the gate takes as an RR interval (250–3000 ms: the record's detection errors) no strap would send.
    const beats = record.beats.filter((b) => b.rrMs >= 250 && b.rrMs <= 3000);
    submit(api, 'strap-gran', beats.map((b) => ({ metric: 'rr_interval' as const, value: b.rrMs, ts: asleep + Math.round(b.t * 1000) })));
    // On the last night the oximeter is worn too: three stretches of two minutes at 86 %.
    if (n === 2) {
      const spo2 = [];
      for (let ts = asleep; ts < awake; ts += 1000) {
        const into = ts - asleep;
        const low = [2, 4, 6].some((h) => into >= h * HOUR && into < h * HOUR + 2 * MINUTE);
        spo2.push({ metric: 'spo2' as const, value: low ? 86 : 95, ts });
      }
      submit(api, 'oximeter-gran', spo2);
    }
    await api.hub.store.writer.flushed();
    await part.analyseAndScreen();
    await api.hub.store.writer.flushed();
  }

  const owner = await onboardOwner(api.base);
  const answer = await owner.request('GET', `/api/v1/sleep?personId=gran&from=${FIRST_NIGHT - DAY}&to=${clock.now()}`);
  t.equal(answer.status, 200, answer.status === 200 ? 'the nights' : answer.text);
  const nights = (answer.body as { sessions: Night[] }).sessions.filter((s) => s.kind === 'night');
  t.equal(nights.length, 3, 'three nights');
  for (const night of nights) {
    const breathing = night.breathing;
    t.ok(breathing !== null && breathing.validMinutes > 6 * 60, `${night.night}: screened over most of the night (${breathing?.validMinutes} min)`);
    t.equal(breathing?.category, 'severe', `${night.night}: severe, as the record was scored (estimate ${breathing?.estimatedAhi?.toFixed(1)} per hour)`);
    t.match(breathing?.model, /^\d+\.\d+/, 'with the version of the model that scored it');
  }
  t.equal(nights[2]?.oxygen?.t88Minutes, 6, 'six minutes below 88 % on the last night');

  // What the screening wrote is readings like any other: the night's estimate, the minutes' probabilities.
  const series = async (metric: string) => {
    const got = await owner.request('GET', `/api/v1/series?personId=gran&metric=${metric}&from=${FIRST_NIGHT - DAY}&to=${clock.now() + 1}&maxPoints=2000`);
    t.equal(got.status, 200, got.status === 200 ? metric : got.text);
    return (got.body as { points: { ts: number; value: number }[] }).points;
  };
  const estimates = await series('ahi_estimate');
  t.same(estimates.map((p) => p.ts), nights.map((n) => n.end), 'one apnea–hypopnea estimate a night, at its end');
  t.same((await series('severe_apnea_nights')).map((p) => p.value), [1, 2, 3], 'severe nights of the last seven, counted night by night');
  const minutes = await series('apnea_probability');
  t.ok(minutes.length > 3 * 6 * 60, `a probability for each scored minute (${minutes.length})`);

  const alerts = await owner.request('GET', '/api/v1/alerts');
  t.equal(alerts.status, 200, alerts.status === 200 ? 'the alerts' : alerts.text);
  const list = alerts.body as Alert[];
  const oxygen = list.find((a) => a.rule === 'night_oxygen_low');
  t.equal(oxygen?.title, 'Low oxygen overnight — Gran');
  t.match(oxygen?.explanation, /below 88 % for 6 minutes in all during the night that ended on/, 'the night and its minutes, in words');
  const breathingAlert = list.find((a) => a.rule === 'severe_apnea_nights');
  t.equal(breathingAlert?.title, 'Breathing disturbed in sleep on 3 nights this week — Gran');
  t.match(breathingAlert?.explanation, /screening aid, not a diagnosis/);

  // Asked again (a restart, the next hour's run), nothing is scored twice.
  // Scoring is watched (and would score nothing): a night scored again shows as a call.
  const scored = t.capture(ApneaScreening.prototype, 'scoreNight');
  clock.advance(10 * MINUTE);
  await part.analyseAndScreen();
  t.equal(scored().length, 0, 'no night scored a second time');
});
