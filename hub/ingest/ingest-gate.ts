import type { Logger } from 'pino';
import type { DecodedReading, DecodedWaveform } from '../../drivers/format.js';
import { WHOLE_MESSAGE, type HubBus, type RefusalReason, type RejectionReason } from '../bus/hub-events.js';
import type { Clock } from '../../core/clock.js';
import { isMetricId, METRICS } from '../../core/metrics.js';
import type { Reading, ReadingFlag, WaveformBlock } from '../../core/reading.js';
import { bloodPressureInconsistencies } from './blood-pressure-consistency.js';
import type { DuplicateChecker, GateOptions, IngestBatch, IngestOutcome, PersonResolver, ReadingRefusal, ReadingSink } from './ingest-types.js';
import { checkPlausible, roundTo } from '../../core/plausibility.js';
import { countedMetric, RejectionCounter } from './rejection-counter.js';

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

interface Refusal {
  readonly reason: RejectionReason;
  readonly detail: string;
}

/** A whole message refused before the gate judged it, as a source reports it. */
export interface MessageRefusal {
  /** The device, or the sender when no device is known yet (a credential, an address). */
  readonly source: string;
  /** Mostly a message reason; `unknown_metric` too, when a parser found a name outside the catalogue. */
  readonly reason: RefusalReason;
  /** Why, in words; never the message's own bytes. */
  readonly detail: string;
  /** More for the log line: the way in, the payload's size and digest. */
  readonly fields?: Record<string, unknown>;
}

/** What the gate decided for each item of a batch, before anything is written. */
export interface GateVerdict {
  readonly batch: IngestBatch;
  readonly options: GateOptions;
  readonly now: number;
  readonly readings: readonly (Reading | Refusal)[];
  readonly waveforms: readonly (WaveformBlock | Refusal)[];
  /** True when the whole batch is refused (`take: 'whole'` and something other than a duplicate failed). */
  readonly refusedWhole: boolean;
}

/**
 * The single gate every reading passes (docs/architecture.md): canonical units and rounding, plausibility,
 * blood-pressure consistency, de-duplication of re-sent device history, assignment to a person.
 * What passes goes to the store and onto the bus; what does not is counted by reason and logged.
 * A batch is first judged whole (`evaluate`), then applied (`commit`), so that a source can ask for
 * all or nothing and the gate alone decides what "nothing" means.
 */
export class IngestGate {
  readonly rejections: RejectionCounter;
  private acceptedCount = 0;
  private waveformSamples = 0;

  constructor(private readonly options: IngestGateOptions) {
    this.rejections = new RejectionCounter(options.logger, () => options.clock.now());
  }

  /**
   * Counts a message refused before its readings reached the gate (it did not parse or decode, was
   * too large, or came from a sender without the right), in the same counters as refused readings.
   */
  refuseMessage(refusal: MessageRefusal): void {
    this.rejections.record(refusal.source, WHOLE_MESSAGE, refusal.reason, refusal.detail, undefined, refusal.fields);
    this.options.bus.emit('reading.rejected', { deviceId: refusal.source, metric: WHOLE_MESSAGE, reason: refusal.reason, detail: refusal.detail });
  }

  submit(batch: IngestBatch, options: GateOptions = {}): IngestOutcome {
    return this.commit(this.evaluate(batch, options));
  }

  /** Judges every reading and block of the batch; changes nothing. Commit the verdict at once. */
  evaluate(batch: IngestBatch, options: GateOptions = {}): GateVerdict {
    const now = this.options.clock.now();
    const receivedAt = batch.receivedAt ?? now;
    const inconsistent = new Map(bloodPressureInconsistencies(batch.readings).map((i) => [i.index, i.detail]));
    const hubTimes = hubTimestamps(batch.readings, receivedAt);
    // Two readings of one batch with the same device time are one reading sent twice.
    const inBatch = new Set<string>();
    const readings = batch.readings.map((decoded, index): Reading | Refusal => {
      const problem = inconsistent.get(index);
      if (problem !== undefined) return { reason: 'inconsistent', detail: problem };
      const verdict = this.admit(now, batch.deviceId, decoded, hubTimes[index] ?? receivedAt);
      if ('reason' in verdict || verdict.tsSource !== 'device') return verdict;
      const key = `${verdict.metric}\u0000${verdict.ts}`;
      if (inBatch.has(key)) return DUPLICATE;
      inBatch.add(key);
      return verdict;
    });
    const waveforms = (batch.waveforms ?? []).map((waveform) => this.admitWaveform(now, batch.deviceId, waveform, receivedAt));
    const refusedWhole = options.take === 'whole' && [...readings, ...waveforms].some((v) => 'reason' in v && v.reason !== 'duplicate');
    return { batch, options, now, readings, waveforms, refusedWhole };
  }

  /** Stores and publishes what the verdict admits, and counts what it refuses. */
  commit(verdict: GateVerdict): IngestOutcome {
    const { batch, options } = verdict;
    const refused: ReadingRefusal[] = [];
    let accepted = 0;
    let rejected = 0;
    verdict.readings.forEach((item, index) => {
      const decoded = batch.readings[index];
      if (decoded === undefined) return;
      if ('reason' in item) {
        this.reject(batch.deviceId, String(decoded.metric), decoded.value, item);
        if (options.reasons === true) refused.push({ index, metric: String(decoded.metric), reason: item.reason, detail: item.detail });
        rejected++;
        return;
      }
      if (verdict.refusedWhole) return;
      if (item.tsSource === 'device') this.options.duplicates.remember(batch.deviceId, item.metric, item.ts);
      this.options.sink.write(item);
      this.options.bus.emit('reading.accepted', item);
      accepted++;
    });
    verdict.waveforms.forEach((item, index) => {
      const waveform = batch.waveforms?.[index];
      if (waveform === undefined) return;
      if ('reason' in item) {
        this.reject(batch.deviceId, String(waveform.metric), Number.NaN, item);
        if (options.reasons === true) refused.push({ index, waveform: true, metric: String(waveform.metric), reason: item.reason, detail: item.detail });
        rejected++;
        return;
      }
      if (verdict.refusedWhole) return;
      this.options.sink.writeWaveform(item);
      this.options.bus.emit('waveform.accepted', item);
      this.waveformSamples += item.samples.length;
    });
    this.acceptedCount += accepted;
    if (verdict.refusedWhole) rejected = verdict.readings.length + verdict.waveforms.length;
    return {
      accepted,
      rejected,
      ...(verdict.refusedWhole ? { refusedWhole: true as const } : {}),
      ...(options.reasons === true ? { refused } : {}),
    };
  }

  stats(): { accepted: number; waveformSamples: number; rejected: ReturnType<RejectionCounter['snapshot']> } {
    return { accepted: this.acceptedCount, waveformSamples: this.waveformSamples, rejected: this.rejections.snapshot() };
  }

  private admit(now: number, deviceId: string, decoded: DecodedReading, hubTs: number): Reading | Refusal {
    const metric: string = decoded.metric;
    if (!isMetricId(metric) || METRICS.get(metric)?.kind !== 'scalar') {
      // The name is not repeated: it came from the sender and goes into the log.
      return { reason: 'unknown_metric', detail: 'not a scalar metric of the catalogue' };
    }
    if (typeof decoded.value !== 'number' || !Number.isFinite(decoded.value)) {
      return { reason: 'not_a_number', detail: 'value is not a finite number' };
    }
    const def = METRICS.get(metric);
    const value = roundTo(decoded.value, def?.decimals ?? 3);
    const verdict = checkPlausible(metric, value);
    if (!verdict.ok) return { reason: 'implausible', detail: verdict.detail };
    let ts = hubTs;
    let tsSource: Reading['tsSource'] = 'hub';
    if (decoded.ts !== undefined) {
      if (!Number.isFinite(decoded.ts) || decoded.ts <= 0) {
        return { reason: 'timestamp_unknown', detail: 'device timestamp is not a valid time' };
      }
      if (decoded.ts > now + this.options.maxFutureSkewMs) {
        return { reason: 'timestamp_in_future', detail: `device clock is ${Math.round((decoded.ts - now) / 1000)} s ahead of the hub` };
      }
      ts = Math.round(decoded.ts);
      tsSource = 'device';
      if (this.options.duplicates.isDuplicate(deviceId, metric, ts)) return DUPLICATE;
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

  private admitWaveform(now: number, deviceId: string, waveform: DecodedWaveform, receivedAt: number): WaveformBlock | Refusal {
    if (!isMetricId(waveform.metric) || METRICS.get(waveform.metric)?.kind !== 'waveform') {
      return { reason: 'unknown_metric', detail: 'not a waveform metric of the catalogue' };
    }
    if (!(waveform.rateHz > 0 && waveform.rateHz <= MAX_WAVEFORM_RATE_HZ)) {
      return { reason: 'implausible', detail: `sample rate ${waveform.rateHz} Hz` };
    }
    if (waveform.samples.length === 0 || waveform.samples.length > MAX_WAVEFORM_SAMPLES || !waveform.samples.every(Number.isFinite)) {
      return { reason: 'not_a_number', detail: 'empty, oversized or non-finite samples' };
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

  private reject(deviceId: string, metric: string, value: number, refusal: Refusal): void {
    this.rejections.record(deviceId, metric, refusal.reason, refusal.detail, value);
    this.options.bus.emit('reading.rejected', { deviceId, metric: countedMetric(metric), reason: refusal.reason, detail: refusal.detail });
  }
}

const DUPLICATE: Refusal = { reason: 'duplicate', detail: 'already stored (re-sent device history)' };

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
