import type { LogLevel } from '../log/logger.js';

/** The hub's configuration after defaults, migrations and environment overrides. */
export interface HubConfig {
  readonly version: number;
  readonly dataDir: string;
  readonly http: { readonly host: string; readonly port: number };
  readonly mqtt: { readonly enabled: boolean; readonly host: string; readonly port: number };
  readonly logging: { readonly level: LogLevel; readonly parts: Readonly<Record<string, LogLevel>> };
  readonly store: {
    readonly flushIntervalMs: number;
    readonly maxBatch: number;
    readonly maxQueued: number;
    readonly onCorrupt: 'move-aside' | 'fail';
    readonly retention: { readonly rawDays: number; readonly perMetric: Readonly<Record<string, number>> };
  };
  readonly ingest: { readonly maxFutureSkewMs: number };
  readonly household: {
    readonly people: readonly PersonConfig[];
    readonly devices: readonly DeviceConfig[];
  };
  /** `auto`: run the simulated household when no real device is configured. */
  readonly simulation: { readonly enabled: 'auto' | boolean; readonly speed: number; readonly seed: number };
  readonly replay: { readonly enabled: boolean; readonly dir: string; readonly speed: number; readonly maxParticipants: number };
  readonly scheduler: { readonly jobs: Readonly<Record<string, string>> };
}

export interface PersonConfig {
  readonly id: string;
  readonly name: string;
  readonly birthYear?: number;
}

export interface DeviceConfig {
  readonly id: string;
  readonly name?: string;
  /** The person a personal device belongs to. */
  readonly personId?: string;
  /** For shared devices (scale, cuff): the device's user slot → person. */
  readonly userSlots?: Readonly<Record<string, string>>;
}
