import t from 'tap';
import { SimulatedHousehold } from '../../drivers/sim/simulated-household.js';
import { readAfdbRecord } from '../../hub/inference/afdb-records.js';
import { SimulatedHouseholdSource } from '../../hub/sources/simulated-household-source.js';
import { HubLogging } from '../../hub/log/logger.js';
import { startLiveHub } from './live-hub.js';
import { join } from 'node:path';
import { sharedDataDir } from './paths.js';

const START = Date.UTC(2026, 2, 2, 8, 0, 0);
const MINUTE = 60_000;

t.test('live AF screening: the simulated household stays low, AFDB atrial fibrillation raises an insight', async (t) => {
  const live = await startLiveHub({ startTs: START, config: { household: { people: [], devices: [] } } });
  t.teardown(() => live.hub.stop());
  const { hub, clock } = live;
  const threshold = 0.5;

  // Twenty minutes of the simulated household, delivered as its devices' bytes through the decoders.
  const sim = new SimulatedHouseholdSource({
    household: new SimulatedHousehold(7),
    registry: hub.context.registry,
    ingest: hub.context.ingest,
    clock,
    logger: new HubLogging({ level: 'silent' }).part('simulation'),
    tickMs: 3_600_000,
  });
  await sim.start();
  for (let m = 0; m < 20; m++) {
    clock.advance(MINUTE);
    sim.tick();
  }
  await sim.stop();
  await live.part().afMonitor?.idle();
  const people = hub.context.registry.listPeople().map((p) => p.id);
  t.ok(people.includes('alex'), 'the simulated household is registered');
  const regular = live.derived.filter((r) => r.metric === 'af_probability');
  const regularAlex = regular.filter((r) => r.personId === 'alex');
  t.ok(regularAlex.length >= 10, `a window of 60 beats is scored about every minute (${regularAlex.length} for one person)`);
  t.ok(regular.every((r) => r.value < threshold), `regular hearts stay low (max ${Math.max(...regular.map((r) => r.value))})`);
  t.ok(live.derived.some((r) => r.metric === 'hrv_rmssd' && r.personId === 'alex' && r.value > 0), 'HRV (RMSSD) is written too');
  t.same(live.insights, [], 'no insight for regular hearts');

  // Alex's strap now sends the RR intervals of an AFDB record in atrial fibrillation.
  const record = await readAfdbRecord(join(sharedDataDir, 'afdb'), '07162');
  const beats = record.beats.filter((b) => b.rhythm === 'AFIB').slice(0, 900);
  t.equal(beats.length, 900, 'the AFDB record has the AF beats this test feeds');
  const strap = hub.context.registry.listDevices().find((d) => d.personId === 'alex' && d.driver !== 'inference' && d.id.includes('strap'));
  if (strap === undefined) throw new Error('alex has no strap');
  const before = live.derived.length;
  let ts = clock.now();
  for (let i = 0; i < beats.length; i += 30) {
    const batch = beats.slice(i, i + 30).map((b) => ({ metric: 'rr_interval' as const, value: b.rrMs, ts: (ts += b.rrMs) }));
    clock.set(ts);
    hub.context.ingest.submit({ deviceId: strap.id, readings: batch });
  }
  await live.part().afMonitor?.idle();
  const afProbabilities = live.derived.slice(before).filter((r) => r.metric === 'af_probability' && r.personId === 'alex');
  t.equal(afProbabilities.length, 15, 'every full window of the AF episode is scored');
  const over = afProbabilities.filter((r) => r.value >= threshold).length;
  t.ok(over >= 13, `af_probability rises over the threshold (${over} of ${afProbabilities.length} windows)`);

  t.equal(live.insights.length, 1, 'one sustained episode, one insight');
  const insight = live.insights[0];
  t.match(insight, { personId: 'alex', model: 'af-rr', title: /atrial fibrillation/ });
  t.ok((insight?.score ?? 0) >= threshold, 'the insight carries the score');
  t.match(insight?.explanation, /\(regular rhythm .+, AF .+\)/, 'explains which measures drove it, against typical values');
  t.match(insight?.explanation, /your usual/, "against the person's own usual rhythm");
  t.match(insight?.explanation, /not a diagnosis/);

  const view = hub.context.services.insights.current();
  t.same((await view?.list(['alex']))?.map((i) => i.id), [insight?.id], 'the API lists it for those who may see alex');
  t.same(await view?.list(['sam']), [], 'and not for others');
});

t.test('insights survive a restart; an episode within the quiet period raises no second one', async (t) => {
  const first = await startLiveHub({ startTs: START });
  const record = await readAfdbRecord(join(sharedDataDir, 'afdb'), '07162');
  const beats = record.beats.filter((b) => b.rhythm === 'AFIB');
  const feed = async (live: typeof first, from: number, count: number): Promise<void> => {
    let ts = live.clock.now();
    for (const b of beats.slice(from, from + count)) {
      ts += b.rrMs;
      live.clock.set(ts);
      live.hub.context.ingest.submit({ deviceId: 'strap-alex', readings: [{ metric: 'rr_interval', value: b.rrMs, ts }] });
    }
    await live.part().afMonitor?.idle();
  };
  await feed(first, 0, 600);
  t.equal(first.insights.length, 1);
  const stopTs = first.clock.now();
  await first.hub.stop();

  const second = await startLiveHub({ startTs: stopTs + 30 * MINUTE, dataDir: first.dataDir });
  t.teardown(() => second.hub.stop());
  t.same(second.part().insights.list('all').map((i) => i.id), first.insights.map((i) => i.id), 'persisted');
  await feed(second, 600, 600);
  t.ok(second.derived.some((r) => r.metric === 'af_probability' && r.value > 0.5), 'still scoring');
  t.same(second.insights, [], 'the same episode half an hour later raises no new insight');
});
