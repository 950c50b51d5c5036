import type { Scheduler } from '../../../core/scheduler.js';
import type { DecodedReading, DeviceStatusReport } from '../../format.js';
import { CONTEC_LEGACY_DOWNLOAD_COMMAND, CONTEC_LEGACY_LIVE_COMMAND, ContecLegacyRecordingDecoder } from '../contec-legacy-record.js';
import { contecLegacyDriver } from '../serial-drivers.js';
import type { SerialConnection, SerialOpener } from './serial-connection.js';

export interface RecordingDownloadOptions {
  readonly path: string;
  readonly open: SerialOpener;
  readonly scheduler: Scheduler;
  /** When the recorded session began: the legacy devices have no clock. */
  readonly sessionStart: number;
  /** Give up when no byte arrives for this long. */
  readonly idleTimeoutMs: number;
}

export interface RecordingDownload {
  readonly readings: readonly DecodedReading[];
  readonly status: readonly DeviceStatusReport[];
  /** Seconds the device announced, and whether all of them arrived. */
  readonly announcedSeconds: number | undefined;
  readonly complete: boolean;
  readonly framingErrors: number;
}

/**
 * Downloads the session a Contec legacy oximeter recorded: `F5 F5`, read until the announced
 * length has arrived (or the line goes quiet), then `F6 F6 F6` to put the device back into live mode.
 * The caller makes sure no live session holds the port meanwhile.
 */
export async function downloadContecLegacyRecording(options: RecordingDownloadOptions): Promise<RecordingDownload> {
  const decoder = new ContecLegacyRecordingDecoder(options.sessionStart);
  const readings: DecodedReading[] = [];
  const status: DeviceStatusReport[] = [];
  let settle: (() => void) | undefined;
  const finished = new Promise<void>((resolve) => {
    settle = resolve;
  });
  let cancelIdle: (() => void) | undefined;
  const armIdle = (): void => {
    cancelIdle?.();
    cancelIdle = options.scheduler.after(options.idleTimeoutMs, () => settle?.());
  };
  const connection: SerialConnection = await options.open(options.path, contecLegacyDriver.settings, {
    onData(chunk) {
      const out = decoder.push(chunk);
      readings.push(...out.readings);
      status.push(...out.status);
      if (decoder.done) settle?.();
      else armIdle();
    },
    onClose: () => settle?.(),
  });
  try {
    armIdle();
    connection.write(CONTEC_LEGACY_DOWNLOAD_COMMAND);
    await finished;
    cancelIdle?.();
    connection.write(CONTEC_LEGACY_LIVE_COMMAND);
  } finally {
    await connection.close();
  }
  return {
    readings,
    status,
    announcedSeconds: decoder.announcedSeconds,
    complete: decoder.done,
    framingErrors: decoder.stats().framingErrors,
  };
}
