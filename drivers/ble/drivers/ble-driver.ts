import type { FormatDecoder } from '../../format.js';
import type { MetricId } from '../../../core/metrics.js';

/**
 * What a driver wants to hear (Home Assistant's matchers). Every criterion given must match; a
 * list matches when any of its entries does. UUIDs are noble's form: lower-case hex, no dashes,
 * 16-bit ones short ('180d').
 */
export interface BleMatcher {
  readonly serviceUuids?: readonly string[];
  readonly serviceDataUuids?: readonly string[];
  /** Bluetooth SIG company identifier, the first two bytes (LE) of the manufacturer data. */
  readonly manufacturerId?: number;
  readonly localName?: RegExp;
}

/**
 * One thing a device exposes (Zigbee2MQTT's `exposes`): the UI and integrations read these
 * instead of hard-coding devices.
 */
export interface BleExpose {
  readonly metric: MetricId;
  /** `live` while connected or advertising; `stored` downloaded from device memory; `waveform` blocks. */
  readonly kind: 'live' | 'stored' | 'waveform';
  /** Shared devices (scale, cuff) report a user slot that maps to a person. */
  readonly perUser?: boolean;
}

/** A characteristic whose notifications or indications carry a format the hub decodes. */
export interface GattStream {
  readonly service: string;
  readonly characteristic: string;
  readonly formatId: string;
  /** Absent on some models; the session carries on without it. */
  readonly optional?: boolean;
  /** Proprietary byte streams split and join packets across notifications. */
  readonly framing?: 'berrymed-bci';
}

/** A characteristic read once per connection (body sensor location, PLX features…). */
export interface GattRead {
  readonly service: string;
  readonly characteristic: string;
  readonly formatId: string;
  readonly optional?: boolean;
}

/** Conversations beyond "subscribe and listen", implemented by the runtime. */
export type GattProcedure = 'glucose-racp-download' | 'polar-pmd-ecg';

interface BleDriverBase {
  /** Stable id, stored with the device: never rename one. */
  readonly id: string;
  /** What a user sees while pairing. */
  readonly label: string;
  readonly match: BleMatcher;
  readonly exposes: readonly BleExpose[];
  /** Devices used a few times a day (cuff, scale, meter) are silent for hours; they set a longer timeout. */
  readonly unavailableAfterMs?: number;
  /** Decoders the driver brings itself (an external driver's own formats). */
  readonly decoders?: readonly FormatDecoder[];
}

/** A device whose advertisements are its measurements (BTHome, Mi scales): the hub never connects. */
export interface AdvertisementDriver extends BleDriverBase {
  readonly kind: 'advertisement';
  readonly serviceData: { readonly uuid: string; readonly formatId: string; readonly length?: number };
  /** The format needs the device's key and MAC (encrypted BTHome). */
  readonly usesBindKey?: boolean;
}

/** A device the hub connects to; Battery, Device Information and Current Time come with every link. */
export interface ConnectedDriver extends BleDriverBase {
  readonly kind: 'connected';
  readonly streams: readonly GattStream[];
  readonly reads?: readonly GattRead[];
  readonly procedure?: GattProcedure;
}

export type BleDriver = AdvertisementDriver | ConnectedDriver;

/** The SIG base UUID's 16-bit short form in noble's spelling. */
export function shortUuid(uuid: string): string {
  const plain = uuid.toLowerCase().replace(/-/g, '');
  const match = /^0000([0-9a-f]{4})00001000800000805f9b34fb$/.exec(plain);
  return match?.[1] ?? plain;
}
