import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import { makeDeviceId } from '../../core/device-id.js';
import type { HouseholdRegistry } from '../household/household-registry.js';
import type { Ingest } from '../ingest/ingest.js';
import { listReplayParticipants, TimedCsvReader, type ReplayParticipant } from './replay-files.js';

export interface ReplaySourceOptions {
  readonly dir: string;
  /** Recording seconds played per wall-clock second. */
  readonly speed: number;
  readonly maxParticipants: number;
  readonly registry: HouseholdRegistry;
  readonly ingest: Ingest;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tickMs?: number;
}

const DAY = 86_400_000;

interface Track {
  readonly participant: ReplayParticipant;
  readonly personId: string;
  readonly deviceId: string;
  readonly heartRate: TimedCsvReader;
  readonly steps: TimedCsvReader | undefined;
}

/**
 * Feeds recorded smartwatch heart rate and steps into the hub as if each participant were a member
 * of the household wearing a watch. The recording is laid so that its last day ends at the start
 * of today (a replay restarted the same day re-sends the same times, which the gate folds), and
 * played from its first day at `speed` times real time.
 */
export class ReplaySource {
  private tracks: Track[] = [];
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private recordingStart = 0;
  private shift = 0;
  private busy = false;
  private played = 0;

  constructor(private readonly options: ReplaySourceOptions) {}

  async start(): Promise<void> {
    const { registry, logger } = this.options;
    const participants = listReplayParticipants(this.options.dir).slice(0, this.options.maxParticipants);
    if (participants.length === 0) throw new Error(`replay folder ${this.options.dir} holds no <id>_hr.csv.gz recordings`);
    let firstTs = Infinity;
    let lastTs = -Infinity;
    for (const participant of participants) {
      const personId = `replay-${participant.id.toLowerCase()}`;
      const deviceId = makeDeviceId('replay', `watch-${participant.id.toLowerCase()}`);
      if (registry.listPeople().every((p) => p.id !== personId)) registry.savePerson({ id: personId, name: `Participant ${participant.id}` });
      if (registry.device(deviceId) === undefined) {
        registry.noteDeviceSeen(deviceId, 'replay');
        registry.assignDevice(deviceId, personId);
      }
      const heartRate = new TimedCsvReader(participant.heartRateFile);
      const first = await heartRate.peekTime();
      if (first !== undefined) firstTs = Math.min(firstTs, first);
      lastTs = Math.max(lastTs, await lastRecordingTime(participant.heartRateFile));
      this.tracks.push({ participant, personId, deviceId, heartRate, steps: participant.stepsFile !== undefined ? new TimedCsvReader(participant.stepsFile) : undefined });
    }
    const now = this.options.clock.now();
    this.recordingStart = firstTs;
    this.shift = Math.floor(now / DAY) * DAY - (Math.floor(lastTs / DAY) + 1) * DAY;
    this.startedAt = now;
    logger.info({ participants: this.tracks.length, speed: this.options.speed, recordedDays: Math.round((lastTs - firstTs) / DAY) }, 'replay started');
    this.timer = setInterval(() => void this.tick(), this.options.tickMs ?? 250);
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const track of this.tracks) {
      await track.heartRate.close();
      await track.steps?.close();
    }
    this.tracks = [];
  }

  get readingsPlayed(): number {
    return this.played;
  }

  /** Plays everything the recording holds up to where the replay clock has reached. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const until = this.recordingStart + (this.options.clock.now() - this.startedAt) * this.options.speed;
      for (const track of this.tracks) {
        const hr = await track.heartRate.readUntil(until);
        const steps = (await track.steps?.readUntil(until)) ?? [];
        const readings = [
          ...hr.map((r) => ({ metric: 'heart_rate' as const, value: r.value, ts: r.ts + this.shift })),
          ...steps.map((r) => ({ metric: 'steps' as const, value: r.value, ts: r.ts + this.shift })),
        ];
        if (readings.length > 0) this.options.ingest.submit({ deviceId: track.deviceId, readings });
        this.played += readings.length;
      }
      if (this.tracks.length > 0 && this.tracks.every((t) => t.heartRate.done && (t.steps?.done ?? true))) {
        this.options.logger.info({ readings: this.played }, 'replay finished');
        if (this.timer !== undefined) clearInterval(this.timer);
        this.timer = undefined;
      }
    } catch (error) {
      this.options.logger.error({ err: error }, 'replay failed; stopping it');
      if (this.timer !== undefined) clearInterval(this.timer);
      this.timer = undefined;
    } finally {
      this.busy = false;
    }
  }
}

/** The last row's time, read once through the file (the files are a few MB compressed). */
async function lastRecordingTime(path: string): Promise<number> {
  const reader = new TimedCsvReader(path);
  let last = -Infinity;
  for (;;) {
    const rows = await reader.readUntil(Infinity, 100_000);
    if (rows.length === 0) break;
    last = rows[rows.length - 1]?.ts ?? last;
  }
  return last;
}
