import type { DecodedReading, DecodedWaveform, DeviceStatusReport } from '../format.js';
import type { DecodedPacket } from './stream-decoder.js';

/** One second (by default) of an oximeter's stream: the latest values and the pleth block. */
export interface OximeterBatch {
  readonly readings: readonly DecodedReading[];
  readonly waveforms: readonly DecodedWaveform[];
}

export interface BatcherOutput {
  readonly batches: readonly OximeterBatch[];
  /** Conditions that began since the last call, or `signal_ok` when they all cleared. */
  readonly statusChanges: readonly DeviceStatusReport[];
}

export const signalOk: DeviceStatusReport = { code: 'signal_ok', message: 'the device reports valid values again' };

/**
 * Oximeters send their numbers 60–100 times a second although they change about once a second.
 * The batcher keeps one value per metric per batch (the last packet's) and gathers the pleth into
 * one block per batch. Batches are cut by packet count, i.e. device time, so the same bytes always
 * give the same batches. A batch in which some packet had no valid pleth carries no waveform: a
 * block must be evenly sampled.
 */
export class PacketBatcher {
  private packets: DecodedPacket[] = [];
  private activeCodes = new Set<string>();

  constructor(
    private readonly packetsPerBatch: number,
    private readonly plethRateHz: number,
  ) {}

  add(packets: readonly DecodedPacket[]): BatcherOutput {
    const batches: OximeterBatch[] = [];
    const statusChanges: DeviceStatusReport[] = [];
    for (const packet of packets) {
      statusChanges.push(...this.trackStatus(packet.status));
      this.packets.push(packet);
      if (this.packets.length >= this.packetsPerBatch) batches.push(this.cut());
    }
    return { batches, statusChanges };
  }

  /** The partial batch, e.g. when the port closes. */
  flush(): OximeterBatch | undefined {
    return this.packets.length > 0 ? this.cut() : undefined;
  }

  private cut(): OximeterBatch {
    const packets = this.packets;
    this.packets = [];
    const last = packets[packets.length - 1];
    const readings = last?.readings ?? [];
    const complete = packets.every((p) => p.pleth.length > 0);
    const samples = complete ? packets.flatMap((p) => p.pleth) : [];
    const waveforms = samples.length > 0 ? [{ metric: 'pleth' as const, rateHz: this.plethRateHz, samples }] : [];
    return { readings, waveforms };
  }

  private trackStatus(status: readonly DeviceStatusReport[]): DeviceStatusReport[] {
    const codes = new Set(status.map((s) => s.code));
    const began = status.filter((s, i) => !this.activeCodes.has(s.code) && status.findIndex((o) => o.code === s.code) === i);
    const cleared = codes.size === 0 && this.activeCodes.size > 0;
    this.activeCodes = codes;
    return cleared ? [signalOk] : began;
  }
}
