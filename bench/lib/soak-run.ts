import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { getJson, runCli } from '../../test/helpers/hub-process.js';
import { onboardOwner, startSoakHub, type SoakReplay } from './soak-hub.js';
import { takeSample, type SoakSample } from './soak-sampler.js';
import { openLiveClients, type LiveTally } from './soak-sockets.js';

const DAY_MS = 86_400_000;

export interface SoakPlan {
  /** Undefined: the hub idles (no replay, no sockets) for `maxMs`. */
  readonly replay?: SoakReplay;
  readonly sockets: number;
  /** Stop once the sockets have watched this many simulated days… */
  readonly targetDays: number;
  /** …or the replay logged that it finished, or this much wall time passed. */
  readonly maxMs: number;
  readonly sampleEveryMs: number;
  /** Called after each sample (progress lines, per-sample checks). */
  readonly onSample?: (sample: SoakSample, run: SoakProgress) => void;
}

export interface SoakProgress {
  readonly simulatedDays: number;
  /** Readings each socket had received at this sample. */
  readonly socketReadings: readonly number[];
}

/** The hub's own health figures at the end of the run, after its writer queue drained. */
export interface SoakHealth {
  readonly status: string;
  readonly accepted: number;
  readonly written: number;
  readonly duplicates: number;
  readonly dropped: number;
  readonly queued: number;
}

/** `hearth stats` over the data folder once the hub stopped. */
export interface SoakStoreStats {
  readonly readings: number;
  readonly oldestReading: string | null;
  readonly newestReading: string | null;
}

/**
 * Days with any reading, summed over people: the participants' recordings lie at different times
 * of the year, so a month of replay holds fewer person-days than people × days.
 */
function personDays(databaseFile: string): number {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const row = db
      .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM (SELECT DISTINCT series.person_id, sample.ts / 86400000 FROM sample JOIN series ON series.id = sample.series_id)')
      .get();
    return row?.n ?? 0;
  } finally {
    db.close();
  }
}

export interface SoakResult {
  /** Days with readings summed over people (see personDays). */
  readonly personDays: number;
  readonly samples: readonly SoakSample[];
  readonly progress: readonly SoakProgress[];
  readonly tallies: readonly LiveTally[];
  /** Sockets closed by the hub (or the network) before the run ended them. */
  readonly socketsLost: number;
  readonly simulatedDays: number;
  readonly participants: number;
  readonly replayFinished: boolean;
  readonly wallMs: number;
  readonly health: SoakHealth | undefined;
  readonly healthFailures: number;
  readonly stored: SoakStoreStats;
  readonly exitCode: number | null;
  readonly output: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface HealthBody {
  status: string;
  writer: { written: number; duplicates: number; dropped: number; queued: number };
  ingest: { accepted: number };
}

async function readHealth(port: number): Promise<SoakHealth> {
  const { status, body } = await getJson(port, '/api/v1/health');
  if (status !== 200) throw new Error(`health answered ${status}`);
  const b = body as HealthBody;
  return { status: b.status, accepted: b.ingest.accepted, written: b.writer.written, duplicates: b.writer.duplicates, dropped: b.writer.dropped, queued: b.writer.queued };
}

function participantsFrom(output: string): number {
  const match = /"participants":(\d+)[^\n]*replay started/.exec(output);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

/**
 * Runs one soak: the hub process, its owner, the sockets, a sample every `sampleEveryMs` until the
 * plan's end; then waits for the writer to drain, stops the hub with SIGTERM and reads the store
 * back with `hearth stats`.
 */
export async function runSoak(plan: SoakPlan): Promise<SoakResult> {
  const hub = await startSoakHub(plan.replay);
  const startedAt = Date.now();
  const samples: SoakSample[] = [];
  const progress: SoakProgress[] = [];
  let healthFailures = 0;
  let health: SoakHealth | undefined;
  let exitCode: number | null = null;
  let stored: SoakStoreStats = { readings: 0, oldestReading: null, newestReading: null };
  let tallies: LiveTally[] = [];
  let socketsLost = 0;
  let simulatedDays = 0;
  try {
    const cookie = await onboardOwner(hub.port);
    const clients = plan.replay === undefined ? undefined : await openLiveClients(hub.port, cookie, plan.sockets);
    const finished = (): boolean => hub.process.output().includes('replay finished');
    for (;;) {
      await sleep(plan.sampleEveryMs);
      if (hub.process.child.exitCode !== null) throw new Error(`the hub exited (${hub.process.child.exitCode}):\n${hub.process.output()}`);
      try {
        await readHealth(hub.port);
      } catch {
        healthFailures += 1;
      }
      const sample = await takeSample(hub.pid, hub.port, hub.databaseFile, startedAt);
      samples.push(sample);
      simulatedDays = (clients?.spanMs() ?? 0) / DAY_MS;
      const step: SoakProgress = { simulatedDays, socketReadings: clients?.tallies.map((t) => t.readings) ?? [] };
      progress.push(step);
      plan.onSample?.(sample, step);
      if (simulatedDays >= plan.targetDays || finished() || Date.now() - startedAt >= plan.maxMs) break;
    }
    tallies = clients?.tallies.map((t) => ({ ...t })) ?? [];
    socketsLost = tallies.filter((t) => t.closed).length;
    // Whatever the gate accepted is committed within a few flushes once nothing new comes in.
    if (finished()) for (let i = 0; i < 50 && (await readHealth(hub.port)).queued > 0; i++) await sleep(200);
    health = await readHealth(hub.port);
    await clients?.close();
  } catch (error) {
    // A failed run leaves no hub behind and no temp folder.
    await hub.stop();
    throw error;
  }
  exitCode = await hub.stop({ keepDataDir: true });
  let days = 0;
  try {
    days = existsSync(hub.databaseFile) ? personDays(hub.databaseFile) : 0;
    const result = await runCli(['stats', '--data-dir', `${hub.dataDir}/data`]);
    if (result.code === 0) stored = JSON.parse(result.stdout) as SoakStoreStats;
  } finally {
    hub.remove();
  }
  const output = hub.process.output();
  return {
    personDays: days,
    samples,
    progress,
    tallies,
    socketsLost,
    simulatedDays,
    participants: participantsFrom(output),
    replayFinished: output.includes('replay finished'),
    wallMs: Date.now() - startedAt,
    health,
    healthFailures,
    stored,
    exitCode,
    output,
  };
}
