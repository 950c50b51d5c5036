import type { Logger } from 'pino';
import { DecodeError, type DecodeResult, type FormatDecoder } from '../../drivers/format.js';
import { findFormat } from '../../drivers/formats.js';
import type { HubBus } from '../bus/hub-events.js';
import { payloadDigest } from '../log/payload-digest.js';
import type { IngestGate, MessageRefusal } from './ingest-gate.js';
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

/** A message a source refused before its readings could be read, as the source says it. */
export interface SourceRefusal extends Omit<MessageRefusal, 'fields'> {
  /** The way it came in (`mqtt`, `gateway`, `http`, …), for the log line. */
  readonly via: string;
  /** The refused bytes: only their length and a digest are logged. */
  readonly payload?: Uint8Array;
}

/**
 * The hub's one way in: every source (radio, serial ports, MQTT, the HTTP API, the simulator, the
 * replay, the hub's own inference) hands its readings or its raw bytes here. Bytes go through the
 * driver's decoder first; then everything passes the ingest gate, which alone decides plausibility,
 * units, duplicates and the person. A payload that does not decode, and a message a source refused
 * before it could be read, are counted with the gate's refusals (on disk, in the health report and
 * the metrics) and logged without their bytes; neither stops the stream.
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

  /** Counts and logs a message a source could not hand over (it did not parse, was too large…). */
  refuse(refusal: SourceRefusal): void {
    const { via, payload, ...rest } = refusal;
    this.deps.gate.refuseMessage({ ...rest, fields: { via, ...(payload !== undefined ? payloadDigest(payload) : {}) } });
  }

  stats(): IngestStats {
    return { ...this.deps.gate.stats(), undecodable: this.undecodable };
  }

  private take(batch: IngestBatch, options: IngestOptions): IngestOutcome {
    const verdict = this.deps.gate.evaluate(batch, options);
    if (options.seenVia !== undefined && !verdict.refusedWhole) this.deps.devices.noteDeviceSeen(batch.deviceId, options.seenVia);
    return this.deps.gate.commit(verdict);
  }

  /** The packet's decoded content, or why it has none (counted as `undecodable`). */
  private decode(packet: DevicePacket, own: ReadonlyMap<string, FormatDecoder> | undefined): DecodeResult | string {
    const format = own?.get(packet.formatId) ?? findFormat(packet.formatId);
    if (format === undefined) return this.undecodableBecause(packet, `no decoder for format "${packet.formatId}"`);
    try {
      return format.decode(packet.bytes, packet.decodeOptions);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      // The decoder's sentence names fields and lengths, never the bytes; the bytes are not logged.
      return this.undecodableBecause(packet, error.message);
    }
  }

  private undecodableBecause(packet: DevicePacket, why: string): string {
    this.undecodable++;
    this.deps.gate.refuseMessage({ source: packet.deviceId, reason: 'undecodable', detail: why, fields: { formatId: packet.formatId, ...payloadDigest(packet.bytes) } });
    return why;
  }
}
