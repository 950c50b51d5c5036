import type { Logger } from 'pino';
import type { DecodedReading, DecodedWaveform } from '../../drivers/format.js';
import type { HubBus, RejectionReason } from '../bus/hub-events.js';
import type { Clock } from '../../core/clock.js';
import { isMetricId, METRICS } from '../../core/metrics.js';
import type { Reading, ReadingFlag, WaveformBlock } from '../../core/reading.js';
import { bloodPressureInconsistencies } from './blood-pressure-consistency.js';
import type { DuplicateChecker, IngestBatch, IngestOutcome, PersonResolver, ReadingSink } from './ingest-types.js';
import { checkPlausible, roundTo } from '../../core/plausibility.js';
import { RejectionCounter } from './rejection-counter.js';

export interface IngestGateOptions {
  readonly clock: Clock;
  readonly bus: HubBus;
  readonly sink: ReadingSink;
  readonly people: PersonResolver;
  readonly duplicates: DuplicateChecker;
  readonly logger: Logger;
  /** Device timestamps further ahead of the hub than this are refused (a clock that is wrong). */
  readonly maxFutureSkewMs: number;
}

const MAX_WAVEFORM_RATE_HZ = 2000;
const MAX_WAVEFORM_SAMPLES = 65_536;

/**
 * The single gate every reading passes (docs/architecture.md): canonical units and rounding, plausibility,
 * blood-pressure consistency, de-duplication of re-sent device history, assignment to a person.
 * What passes goes to the store and onto the bus; what does not is counted by reason and logged.
 */
export class IngestGate {
  readonly rejections: RejectionCounter;
  private acceptedCount = 0;
  private waveformSamples = 0;

  constructor(private readonly options: IngestGateOptions) {
    this.rejections = new RejectionCounter(options.logger);
  }

  submit(batch: IngestBatch): IngestOutcome {
    const now = this.options.clock.now();
    const receivedAt = batch.receivedAt ?? now;
    let accepted = 0;
    let rejected = 0;
    const inconsistent = new Map(bloodPressureInconsistencies(batch.readings).map((i) => [i.index, i.detail]));
    const hubTimes = hubTimestamps(batch.readings, receivedAt);
    batch.readings.forEach((decoded, index) => {
      const problem = inconsistent.get(index);
      if (problem !== undefined) {
        this.reject(now, batch.deviceId, decoded, 'inconsistent', problem);
        rejected++;
        return;
      }
      const reading = this.admit(now, batch.deviceId, decoded, hubTimes[index] ?? receivedAt);
      if (reading === undefined) {
        rejected++;
        return;
      }
      this.options.sink.write(reading);
      this.options.bus.emit('reading.accepted', reading);
      accepted++;
    });
    for (const waveform of batch.waveforms ?? []) {
      const block = this.admitWaveform(now, batch.deviceId, waveform, receivedAt);
      if (block === undefined) {
        rejected++;
        continue;
      }
      this.options.sink.writeWaveform(block);
      this.options.bus.emit('waveform.accepted', block);
      this.waveformSamples += block.samples.length;
    }
    this.acceptedCount += accepted;
    return { accepted, rejected };
  }

  stats(): { accepted: number; waveformSamples: number; rejected: ReturnType<RejectionCounter['snapshot']> } {
    return { accepted: this.acceptedCount, waveformSamples: this.waveformSamples, rejected: this.rejections.snapshot() };
  }

  private admit(now: number, deviceId: string, decoded: DecodedReading, hubTs: number): Reading | undefined {
    const metric: string = decoded.metric;
    if (!isMetricId(metric) || METRICS.get(metric)?.kind !== 'scalar') {
      return this.reject(now, deviceId, decoded, 'unknown_metric', `"${metric}" is not a scalar metric of the catalogue`);
    }
    if (typeof decoded.value !== 'number' || !Number.isFinite(decoded.value)) {
      return this.reject(now, deviceId, decoded, 'not_a_number', 'value is not a finite number');
    }
    const def = METRICS.get(metric);
    const value = roundTo(decoded.value, def?.decimals ?? 3);
    const verdict = checkPlausible(metric, value);
    if (!verdict.ok) return this.reject(now, deviceId, decoded, 'implausible', verdict.detail);
    let ts = hubTs;
    let tsSource: Reading['tsSource'] = 'hub';
    if (decoded.ts !== undefined) {
      if (!Number.isFinite(decoded.ts) || decoded.ts <= 0) {
        return this.reject(now, deviceId, decoded, 'timestamp_unknown', 'device timestamp is not a valid time');
      }
      if (decoded.ts > now + this.options.maxFutureSkewMs) {
        return this.reject(now, deviceId, decoded, 'timestamp_in_future', `device clock is ${Math.round((decoded.ts - now) / 1000)} s ahead of the hub`);
      }
      ts = Math.round(decoded.ts);
      tsSource = 'device';
      if (this.options.duplicates.isDuplicate(deviceId, metric, ts)) {
        return this.reject(now, deviceId, decoded, 'duplicate', 'already stored (re-sent device history)');
      }
      this.options.duplicates.remember(deviceId, metric, ts);
    }
    const flags = verdict.unusual ? addFlag(decoded.flags, 'out_of_usual_range') : decoded.flags;
    const personId = this.options.people.personFor(deviceId, decoded.userSlot);
    return {
      metric,
      value,
      unit: def?.unit ?? '',
      ts,
      deviceId,
      tsSource,
      ...(personId !== undefined ? { personId } : {}),
      ...(flags !== undefined && flags.length > 0 ? { flags } : {}),
    };
  }

  private admitWaveform(now: number, deviceId: string, waveform: DecodedWaveform, receivedAt: number): WaveformBlock | undefined {
    const asReading = { metric: waveform.metric, value: Number.NaN } as DecodedReading;
    if (!isMetricId(waveform.metric) || METRICS.get(waveform.metric)?.kind !== 'waveform') {
      return this.reject(now, deviceId, asReading, 'unknown_metric', `"${waveform.metric}" is not a waveform metric`);
    }
    if (!(waveform.rateHz > 0 && waveform.rateHz <= MAX_WAVEFORM_RATE_HZ)) {
      return this.reject(now, deviceId, asReading, 'implausible', `sample rate ${waveform.rateHz} Hz`);
    }
    if (waveform.samples.length === 0 || waveform.samples.length > MAX_WAVEFORM_SAMPLES || !waveform.samples.every(Number.isFinite)) {
      return this.reject(now, deviceId, asReading, 'not_a_number', 'empty, oversized or non-finite samples');
    }
    const durationMs = (waveform.samples.length / waveform.rateHz) * 1000;
    const t0 = waveform.t0 !== undefined && waveform.t0 <= now + this.options.maxFutureSkewMs ? waveform.t0 : Math.round(receivedAt - durationMs);
    const personId = this.options.people.personFor(deviceId);
    return {
      metric: waveform.metric,
      deviceId,
      t0,
      rateHz: waveform.rateHz,
      samples: waveform.samples,
      ...(personId !== undefined ? { personId } : {}),
    };
  }

  private reject(now: number, deviceId: string, decoded: DecodedReading, reason: RejectionReason, detail: string): undefined {
    this.rejections.record(now, deviceId, String(decoded.metric), reason, detail, decoded.value);
    this.options.bus.emit('reading.rejected', { deviceId, metric: String(decoded.metric), reason, detail });
    return undefined;
  }
}

function addFlag(flags: readonly ReadingFlag[] | undefined, flag: ReadingFlag): readonly ReadingFlag[] {
  return flags === undefined ? [flag] : flags.includes(flag) ? flags : [...flags, flag];
}

/**
 * Hub times for readings without a device time. Several RR intervals in one notification are beats
 * that ended one after another: the last ends at arrival, each earlier one an interval before.
 */
function hubTimestamps(readings: readonly DecodedReading[], receivedAt: number): number[] {
  const times = readings.map(() => receivedAt);
  let offset = 0;
  for (let i = readings.length - 1; i >= 0; i--) {
    const r = readings[i];
    if (r === undefined || r.metric !== 'rr_interval' || r.ts !== undefined) continue;
    times[i] = Math.round(receivedAt - offset);
    if (Number.isFinite(r.value) && r.value > 0) offset += r.value;
  }
  return times;
}
