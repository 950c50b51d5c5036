import type { DecodedReading, DecodedWaveform, DeviceStatusReport } from '../../format.js';

/** Where the serial runtime hands what it decodes; the hub adapts its ingest gate to this. */
export interface SerialReadingSink {
  submit(batch: {
    deviceId: string;
    readings: readonly DecodedReading[];
    waveforms?: readonly DecodedWaveform[];
    /** Hub time (ms since the epoch) when the batch's last byte arrived. */
    receivedAt: number;
  }): void;
  status(deviceId: string, report: DeviceStatusReport): void;
}

/** Status codes the runtime itself reports, beside the device's own. */
export const portStatus = {
  connected: (path: string): DeviceStatusReport => ({ code: 'port_open', message: `serial port ${path} open` }),
  disconnected: (path: string, reason: string): DeviceStatusReport => ({
    code: 'port_closed',
    message: `serial port ${path} closed: ${reason}`,
  }),
  openFailed: (path: string, reason: string, retryInMs: number): DeviceStatusReport => ({
    code: 'port_open_failed',
    message: `cannot open serial port ${path}: ${reason}; retrying in ${Math.round(retryInMs)} ms`,
  }),
} as const;
