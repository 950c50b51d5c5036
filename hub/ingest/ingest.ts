import type { Logger } from 'pino';
import { DecodeError, type DecodeResult, type FormatDecoder } from '../../drivers/format.js';
import { findFormat } from '../../drivers/formats.js';
import type { HubBus } from '../bus/hub-events.js';
import type { IngestGate } from './ingest-gate.js';
import type { DevicePacket, GateOptions, IngestBatch, IngestOutcome } from './ingest-types.js';

/** Decoded readings, or a device's bytes still to decode. */
export type IngestInput = IngestBatch | DevicePacket;

export interface IngestOptions extends GateOptions {
  /** Notes the device as seen, under this driver name, when its batch is taken (not refused whole). */
  readonly seenVia?: string;
  /** For a packet: decoders the source brings (a BLE driver's own formats), tried before the hub's table. */
  readonly decoders?: ReadonlyMap<string, FormatDecoder>;
}

/** The household registry as the ingest needs it. */
export interface SeenDevices {
  noteDeviceSeen(id: string, driver: string): unknown;
}

export interface IngestDeps {
  readonly gate: IngestGate;
  readonly devices: SeenDevices;
  readonly bus: HubBus;
  readonly logger: Logger;
}

export interface IngestStats extends ReturnType<IngestGate['stats']> {
  /** Packets whose bytes no decoder could read. */
  readonly undecodable: number;
}

/**
 * The hub's one way in: every source (radio, serial ports, MQTT, the HTTP API, the simulator, the
 * replay, the hub's own inference) hands its readings or its raw bytes here. Bytes go through the
 * driver's decoder first; then everything passes the ingest gate, which alone decides plausibility,
 * units, duplicates and the person. A payload that does not decode is counted and logged (without
 * its bytes above debug), and never stops the stream.
 */
export class Ingest {
  private undecodable = 0;

  constructor(private readonly deps: IngestDeps) {}

  submit(input: IngestInput, options: IngestOptions = {}): IngestOutcome {
    if (!('bytes' in input)) return this.take(input, options);
    const decoded = this.decode(input, options.decoders);
    if (typeof decoded === 'string') return { accepted: 0, rejected: 0, undecodable: decoded };
    const outcome = this.take(
      {
        deviceId: input.deviceId,
        readings: decoded.readings,
        ...(decoded.waveforms !== undefined ? { waveforms: decoded.waveforms } : {}),
        receivedAt: input.at,
      },
      options,
    );
    for (const status of decoded.status ?? []) {
      this.deps.bus.emit('device.status', { deviceId: input.deviceId, code: status.code, message: status.message, ts: input.at });
    }
    return outcome;
  }

  stats(): IngestStats {
    return { ...this.deps.gate.stats(), undecodable: this.undecodable };
  }

  private take(batch: IngestBatch, options: IngestOptions): IngestOutcome {
    const verdict = this.deps.gate.evaluate(batch, options);
    if (options.seenVia !== undefined && !verdict.refusedWhole) this.deps.devices.noteDeviceSeen(batch.deviceId, options.seenVia);
    return this.deps.gate.commit(verdict);
  }

  /** The packet's decoded content, or why it has none. */
  private decode(packet: DevicePacket, own: ReadonlyMap<string, FormatDecoder> | undefined): DecodeResult | string {
    const { logger } = this.deps;
    const format = own?.get(packet.formatId) ?? findFormat(packet.formatId);
    if (format === undefined) {
      this.undecodable++;
      logger.warn({ deviceId: packet.deviceId, formatId: packet.formatId }, 'no decoder for this format');
      return `no decoder for format "${packet.formatId}"`;
    }
    try {
      return format.decode(packet.bytes, packet.decodeOptions);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      this.undecodable++;
      logger.info({ deviceId: packet.deviceId, formatId: packet.formatId, reason: error.message }, 'payload could not be decoded');
      logger.debug({ deviceId: packet.deviceId, hex: Buffer.from(packet.bytes).toString('hex') }, 'undecodable payload');
      return error.message;
    }
  }
}
