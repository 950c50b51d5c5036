import type { Logger } from 'pino';
import { DecodeError, type DecodeOptions } from '../../drivers/format.js';
import { findFormat } from '../../drivers/formats.js';
import type { HubBus } from '../bus/hub-events.js';
import type { IngestGate } from './ingest-gate.js';

export interface DevicePacket {
  readonly deviceId: string;
  readonly formatId: string;
  readonly bytes: Uint8Array;
  readonly at: number;
  readonly decodeOptions?: DecodeOptions;
}

/**
 * Bytes from a device, through the driver's decoder, into the gate: the path real and simulated
 * devices share. A payload that does not decode is counted and logged (without its bytes above
 * debug), and never stops the stream.
 */
export class DevicePacketIngest {
  private undecodable = 0;

  constructor(
    private readonly gate: IngestGate,
    private readonly bus: HubBus,
    private readonly logger: Logger,
  ) {}

  accept(packet: DevicePacket): void {
    const format = findFormat(packet.formatId);
    if (format === undefined) {
      this.undecodable++;
      this.logger.warn({ deviceId: packet.deviceId, formatId: packet.formatId }, 'no decoder for this format');
      return;
    }
    let result;
    try {
      result = format.decode(packet.bytes, packet.decodeOptions);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      this.undecodable++;
      this.logger.info({ deviceId: packet.deviceId, formatId: packet.formatId, reason: error.message }, 'payload could not be decoded');
      this.logger.debug({ deviceId: packet.deviceId, hex: Buffer.from(packet.bytes).toString('hex') }, 'undecodable payload');
      return;
    }
    this.gate.submit({
      deviceId: packet.deviceId,
      readings: result.readings,
      ...(result.waveforms !== undefined ? { waveforms: result.waveforms } : {}),
      receivedAt: packet.at,
    });
    for (const status of result.status ?? []) {
      this.bus.emit('device.status', { deviceId: packet.deviceId, code: status.code, message: status.message, ts: packet.at });
    }
  }

  get undecodableCount(): number {
    return this.undecodable;
  }
}
