/**
 * The soak harness, short: four participants' first three days, aligned so that they wear their
 * watches at once, replayed into a real `hearth run` process with 10 dashboard sockets until the
 * replay finishes (about a minute). Asserts behaviour, never speed: health keeps answering, every
 * socket stays open and keeps receiving, everything accepted is stored, and RSS does not keep
 * climbing once warm.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { rssThirds } from '../../bench/lib/soak-figures.js';
import { wearableReplayDir } from '../../bench/lib/soak-hub.js';
import { alignRecordings } from '../../bench/lib/soak-replay-data.js';
import { runSoak } from '../../bench/lib/soak-run.js';

const SOCKETS = 10;
const PARTICIPANTS = 4;
const DAYS = 3;

t.test('a short soak: sockets stay fed, everything accepted is stored, RSS levels off', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-soak-short-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  alignRecordings(wearableReplayDir(), dir, { participants: PARTICIPANTS, days: DAYS });

  // 3 days at 4000× take about 65 s of replay; the cap only stops a hub that never finishes.
  const result = await runSoak({ replay: { dir, speed: 4000, maxParticipants: PARTICIPANTS }, sockets: SOCKETS, targetDays: Infinity, maxMs: 240_000, sampleEveryMs: 2000 });
  t.comment(`${result.samples.length} samples over ${(result.wallMs / 1000).toFixed(0)} s, ${result.simulatedDays.toFixed(2)} simulated days, health ${JSON.stringify(result.health)}, stored ${result.stored.readings}`);

  t.ok(result.replayFinished, 'the replay played to its end');
  t.equal(result.participants, PARTICIPANTS, 'every participant was replayed');
  t.equal(result.healthFailures, 0, 'health answered at every sample');
  t.equal(result.health?.status, 'ok', 'and reports no problem at the end');
  t.equal(result.exitCode, 0, 'the hub stops cleanly on SIGTERM');

  const health = result.health;
  if (health === undefined) throw new Error('no health at the end');
  t.ok(health.accepted > 0, `readings were accepted (${health.accepted})`);
  t.equal(health.written + health.duplicates, health.accepted, 'every accepted reading was committed (or folded as a re-send)');
  t.equal(health.dropped, 0, 'nothing was dropped');
  t.equal(result.stored.readings, health.written, 'the store holds what the writer committed, after the restart-safe stop');

  t.equal(result.socketsLost, 0, 'no socket was closed');
  // Sockets subscribe right after onboarding, while the replay may already have sent its first
  // readings; from then on each one sees every accepted reading, delivered or counted as skipped.
  for (const [i, tally] of result.tallies.entries()) {
    t.ok(tally.readings + tally.skipped <= health.accepted && tally.readings + tally.skipped >= health.accepted * 0.9, `socket ${i} saw the readings (${tally.readings} + ${tally.skipped} skipped of ${health.accepted})`);
  }
  // Receiving throughout: each socket's count grew in every third of the run.
  const steps = result.progress;
  const cut = [0, Math.floor(steps.length / 3), Math.floor((2 * steps.length) / 3), steps.length - 1];
  for (let s = 0; s < SOCKETS; s++) {
    const counts = cut.map((c) => steps[c]?.socketReadings[s] ?? 0);
    t.ok(counts[1]! > counts[0]! && counts[2]! > counts[1]! && counts[3]! > counts[2]!, `socket ${s} kept receiving (${counts.join(' → ')})`);
  }

  // A leak check with a generous factor, not a timing assertion: GC, SQLite's page cache and WAL
  // checkpoints move RSS in waves, so only a last-third peak 1.5× above the first third's means
  // memory grows without bound.
  const rss = rssThirds(result.samples);
  t.ok(rss.lastMax <= rss.firstMax * 1.5, `RSS levels off after warm-up (peak ${(rss.firstMax / 1e6).toFixed(0)} MB → ${(rss.lastMax / 1e6).toFixed(0)} MB)`);
});
