import type { Reading, WaveformBlock } from '../core/reading.js';
import type { EventBus } from './event-bus.js';

export type RejectionReason =
  | 'unknown_metric'
  | 'not_a_number'
  | 'implausible'
  | 'timestamp_in_future'
  | 'timestamp_unknown'
  | 'inconsistent'
  | 'duplicate';

export interface ReadingRejected {
  readonly deviceId: string;
  readonly metric: string;
  readonly reason: RejectionReason;
  readonly detail: string;
}

export interface DeviceStatusEvent {
  readonly deviceId: string;
  readonly code: string;
  readonly message: string;
  readonly ts: number;
}

export interface DeviceAvailabilityEvent {
  readonly deviceId: string;
  readonly available: boolean;
  readonly ts: number;
}

/** A device heard while scanning (during a pairing window, or a new device at any time). */
export interface DeviceDiscoveredEvent {
  readonly deviceId: string;
  readonly name?: string;
  /** The driver that matched it, if any. */
  readonly driver?: string;
  readonly rssi?: number;
  readonly transport: 'ble' | 'serial' | 'mqtt' | 'sim';
  readonly ts: number;
}

export interface HubStatusEvent {
  readonly ts: number;
  readonly uptimeS: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly eventLoopLagMs: number;
  readonly readingsAccepted: number;
  readonly readingsRejected: number;
}

/** Every event of the hub bus and its one payload type. */
export interface HubEvents {
  'reading.accepted': Reading;
  'waveform.accepted': WaveformBlock;
  'reading.rejected': ReadingRejected;
  'device.status': DeviceStatusEvent;
  'device.availability': DeviceAvailabilityEvent;
  'device.discovered': DeviceDiscoveredEvent;
  'hub.status': HubStatusEvent;
}

export type HubBus = EventBus<HubEvents>;
