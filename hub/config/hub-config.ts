import type { LogLevel } from '../log/logger.js';
import type { MqttConfig } from '../mqtt/mqtt-config.js';
import type { AlertsConfig } from '../alerts/alerts-config.js';
import type { BackupConfig } from '../backup/backup-config.js';
import type { ObservabilityConfig } from '../observability/observability-config.js';
import type { RelayConfig } from '../relay/relay-config.js';
import type { InferenceConfig } from '../inference/inference-config.js';

/** The hub's configuration after defaults, migrations and environment overrides. */
export interface HubConfig {
  readonly version: number;
  readonly dataDir: string;
  readonly http: { readonly host: string; readonly port: number };
  readonly mqtt: MqttConfig;
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
  readonly serial: {
    readonly enabled: boolean;
    /** Watch for USB-serial oximeters being plugged in (only known USB bridges are probed). */
    readonly discover: boolean;
    readonly pollIntervalMs: number;
    /** Fixed ports, e.g. /dev/serial/by-id/…; `driver` skips probing. */
    readonly ports: readonly { readonly path: string; readonly driver?: string }[];
  };
  /** The dashboard's HTTP API: accounts, sessions and login limits. */
  readonly api: ApiConfig;
  readonly ble: BleConfig;
  /** Rules, channels, escalation and quiet hours of the alerts engine. */
  readonly alerts: AlertsConfig;
  /** /metrics and the systemd watchdog's health limits. */
  readonly observability: ObservabilityConfig;
  /** Nightly snapshots of the database. */
  readonly backup: BackupConfig;
  /** The optional cloud relay: research aggregates and encrypted backups, both off by default. */
  readonly relay: RelayConfig;
  /** Live scoring with the shipped models: AF screening, illness warning, insights. */
  readonly inference: InferenceConfig;
}

/** Bluetooth LE: `auto` uses the adapter when there is one and stays idle when there is none. */
export interface BleConfig {
  readonly enabled: 'auto' | boolean;
  /** Concurrent GATT links; a Raspberry Pi's onboard radio holds 2–5. */
  readonly maxConnections: number;
  /** Restart scanning when nothing at all was heard for this long (a stuck adapter). */
  readonly scanWatchdogMs: number;
  /** A device not heard for this long is marked unavailable (drivers of rarely used devices set their own). */
  readonly unavailableAfterMs: number;
  /** The user's own driver files (.js/.mjs), loaded at start when enabled; `dir` is relative to dataDir. */
  readonly externalDrivers: { readonly enabled: boolean; readonly dir: string };
  /** Emulated peripherals instead of the radio (the demo household). */
  readonly emulated: boolean;
  /** Per-device AES keys of encrypted BTHome advertisements, by MAC address, as 32 hex digits. */
  readonly bindKeys: Readonly<Record<string, string>>;
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

export interface ApiConfig {
  readonly enabled: boolean;
  /** The built dashboard; '' means ui/dist of this installation. */
  readonly uiDir: string;
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  /** Failed logins of one username within the window that lock it. */
  readonly loginMaxFailures: number;
  /** Failed logins from one address within the window that block it. */
  readonly loginAddressMaxFailures: number;
  readonly loginWindowMinutes: number;
  readonly lockoutMinutes: number;
}
