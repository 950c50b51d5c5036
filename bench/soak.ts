/**
 * Soak: the wearable recordings replayed for the whole household (8 participants, moved onto one
 * calendar so that they all wear their watches at once) at high speed
 * into a real `hearth run` process, with 10 dashboard sockets on the live stream, until a simulated
 * month is covered (or HEARTH_SOAK_MINUTES of wall time, default 10). Reports memory growth once
 * warm, event-loop lag, disk writes and database size per simulated day, commits per second; and an
 * idle hub (no replay, no sockets) in the same run for comparison.
 *
 * Env: HEARTH_SOAK_MINUTES (cap), HEARTH_SOAK_SPEED (recording seconds per second, default 5000
 * aligned, 20000 as shipped), HEARTH_SOAK_DAYS (target, default 30), HEARTH_SOAK_IDLE_SECONDS
 * (baseline, default 30), HEARTH_SOAK_ALIGN=0 (replay the folder as shipped: the participants one
 * after another over a year, about one person at a time).
 */
import { join } from 'node:path';
import { isMain, printTable, withTempDir } from './lib/bench-env.js';
import { kb, mb, pct, soakFigures, thirds, type SoakFigures } from './lib/soak-figures.js';
import { alignRecordings } from './lib/soak-replay-data.js';
import { wearableReplayDir } from './lib/soak-hub.js';
import { runSoak, type SoakResult } from './lib/soak-run.js';

const SOCKETS = 10;
const PARTICIPANTS = 8;

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export interface SoakReport {
  readonly idle: SoakFigures;
  readonly soak: SoakFigures;
  readonly result: SoakResult;
}

export async function run(): Promise<SoakReport> {
  const maxMinutes = envNumber('HEARTH_SOAK_MINUTES', 10);
  const aligned = process.env.HEARTH_SOAK_ALIGN !== '0';
  const speed = envNumber('HEARTH_SOAK_SPEED', aligned ? 5000 : 20_000);
  const targetDays = envNumber('HEARTH_SOAK_DAYS', 30);
  const idleSeconds = envNumber('HEARTH_SOAK_IDLE_SECONDS', 30);

  const idleRun = await runSoak({ sockets: 0, targetDays: Infinity, maxMs: idleSeconds * 1000, sampleEveryMs: 2000 });
  const idle = soakFigures(idleRun.samples);

  const result = await withTempDir(async (tmp) => {
    const dir = aligned ? join(tmp, 'aligned') : wearableReplayDir();
    if (aligned) alignRecordings(wearableReplayDir(), dir, { participants: PARTICIPANTS });
    return runSoak({
    replay: { dir, speed, maxParticipants: PARTICIPANTS },
    sockets: SOCKETS,
    targetDays,
    maxMs: maxMinutes * 60_000,
    sampleEveryMs: 3000,
    onSample: (s, p) =>
      process.stderr.write(`  soak ${(s.atMs / 1000).toFixed(0)} s: ${p.simulatedDays.toFixed(1)} days, RSS ${mb(s.rssBytes)}, heap ${mb(s.heapUsedBytes)}, stored ${s.written}, lag p99 ${s.lagP99Ms.toFixed(0)} ms\n`),
    });
  });
  const rss = thirds(result.samples, (s) => s.rssBytes);
  const heap = thirds(result.samples, (s) => s.heapUsedBytes);
  const wal = result.samples[result.samples.length - 1]?.walBytes ?? 0;
  const soak = soakFigures(result.samples);
  const days = result.simulatedDays;
  const wallH = result.wallMs / 3_600_000;
  const delivered = result.tallies.reduce((sum, t) => sum + t.readings, 0);
  const skipped = result.tallies.reduce((sum, t) => sum + t.skipped, 0);

  printTable(`soak: idle hub, no replay, no sockets (${idleSeconds} s)`, [
    ['RSS first / end', `${mb(idle.rssFirst)} / ${mb(idle.rssEnd)}`],
    ['heap used first / end', `${mb(idle.heapFirst)} / ${mb(idle.heapEnd)}`],
    ['event-loop lag p50 / p99 (median window)', `${idle.lagP50Ms.toFixed(1)} / ${idle.lagP99MedianMs.toFixed(1)} ms`],
    ['disk writes per hour (write_bytes / wchar)', `${mb(idle.diskBytesPerHour)} / ${mb(idle.writeCallBytesPerHour)}`],
    ['commits per second', idle.commitsPerS.toFixed(2)],
  ]);
  printTable(
    `soak: replay of ${result.participants} participants${aligned ? ' (aligned)' : ' (as shipped)'} at ${speed}x, ${SOCKETS} live sockets, ${(result.wallMs / 60_000).toFixed(1)} min wall, ${days.toFixed(1)} simulated days${result.replayFinished ? ' (replay finished)' : ''}`,
    [
      ['RSS idle (baseline) / first sample', `${mb(idle.rssEnd)} / ${mb(soak.rssFirst)}`],
      ['RSS warm (20 %) / end / max', `${mb(soak.rssWarm)} / ${mb(soak.rssEnd)} / ${mb(soak.rssMax)}`],
      ['RSS growth once warm (warm sample → end)', pct(soak.rssGrowthPct)],
      ['RSS peak / floor, first third → last third after warm-up', `${mb(rss.firstMax)} → ${mb(rss.lastMax)} / ${mb(rss.firstMin)} → ${mb(rss.lastMin)}`],
      ['heap used first / warm / end', `${mb(soak.heapFirst)} / ${mb(soak.heapWarm)} / ${mb(soak.heapEnd)}`],
      ['heap growth once warm (warm sample → end)', pct(soak.heapGrowthPct)],
      ['heap peak / floor, first third → last third after warm-up', `${mb(heap.firstMax)} → ${mb(heap.lastMax)} / ${mb(heap.firstMin)} → ${mb(heap.lastMin)}`],
      ['event-loop lag p50 (median window; includes the 20 ms monitor resolution)', `${soak.lagP50Ms.toFixed(1)} ms`],
      ['event-loop lag p99 median / worst window', `${soak.lagP99MedianMs.toFixed(1)} / ${soak.lagP99WorstMs.toFixed(1)} ms`],
      ['disk writes per wall hour (write_bytes)', mb(soak.diskBytesPerHour)],
      ['all write() bytes per wall hour, sockets included (wchar)', mb(soak.writeCallBytesPerHour)],
      ['disk writes per simulated day (write_bytes)', mb((soak.diskBytesPerHour * wallH) / days)],
      ['DB size at end (db + wal) / of which wal', `${mb(soak.dbBytes)} / ${mb(wal)}`],
      ['DB size per simulated day', mb(soak.dbBytes / days)],
      ['person-days stored (days with readings, summed over people)', String(result.personDays)],
      ['DB bytes per person-day', kb(soak.dbBytes / result.personDays)],
      ['readings accepted / committed / duplicates at end (health)', `${result.health?.accepted ?? '?'} / ${result.health?.written ?? '?'} / ${result.health?.duplicates ?? '?'}`],
      ['readings stored / per second once warm', `${result.stored.readings} / ${soak.writtenPerS.toFixed(0)}`],
      ['commits per second once warm', soak.commitsPerS.toFixed(2)],
      ['live readings delivered / skipped (backpressure)', `${delivered} / ${skipped}`],
      ['sockets lost / health failures', `${result.socketsLost} / ${result.healthFailures}`],
    ],
  );
  return { idle, soak, result };
}

if (isMain(import.meta.url)) await run();
