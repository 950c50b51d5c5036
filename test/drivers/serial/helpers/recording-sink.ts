import type { DecodedReading, DecodedWaveform, DeviceStatusReport } from '../../../../drivers/format.js';
import type { SerialReadingSink } from '../../../../drivers/serial/runtime/serial-reading-sink.js';

export interface SubmittedBatch {
  readonly deviceId: string;
  readonly readings: readonly DecodedReading[];
  readonly waveforms?: readonly DecodedWaveform[];
  readonly receivedAt: number;
}

/** A sink that keeps everything; stands in for the hub's ingest gate and store. */
export class RecordingSink implements SerialReadingSink {
  readonly batches: SubmittedBatch[] = [];
  readonly statuses: { deviceId: string; report: DeviceStatusReport }[] = [];

  submit(batch: SubmittedBatch): void {
    this.batches.push(batch);
  }

  status(deviceId: string, report: DeviceStatusReport): void {
    this.statuses.push({ deviceId, report });
  }

  statusCount(code: string): number {
    return this.statuses.filter((s) => s.report.code === code).length;
  }
}

/** Waits until `condition` holds; fails with `what` after `limitMs` so a broken hub cannot hang the run. */
export async function eventually(what: string, condition: () => boolean, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
