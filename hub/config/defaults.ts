import { DEFAULT_MQTT_CONFIG } from '../mqtt/mqtt-config.js';
import { DEFAULT_ALERTS_CONFIG } from '../alerts/alerts-config.js';
import { DEFAULT_BACKUP_CONFIG } from '../backup/backup-config.js';
import { DEFAULT_OBSERVABILITY_CONFIG } from '../observability/observability-config.js';
import { DEFAULT_RELAY_CONFIG } from '../relay/relay-config.js';
import { DEFAULT_INFERENCE_CONFIG } from '../inference/inference-config.js';
import type { HubConfig } from './hub-config.js';

export const CURRENT_CONFIG_VERSION = 1;

/** Defaults that suit a Raspberry Pi on an SD card: about one commit a second, raw data for 90 days. */
export const DEFAULT_CONFIG: HubConfig = {
  version: CURRENT_CONFIG_VERSION,
  dataDir: './var',
  http: { host: '0.0.0.0', port: 8080 },
  mqtt: DEFAULT_MQTT_CONFIG,
  logging: { level: 'info', parts: {} },
  store: {
    flushIntervalMs: 1000,
    maxBatch: 5000,
    maxQueued: 200_000,
    onCorrupt: 'move-aside',
    retention: { rawDays: 90, perMetric: { rr_interval: 30, ecg: 14, pleth: 14 } },
  },
  ingest: { maxFutureSkewMs: 5 * 60_000 },
  household: { people: [], devices: [] },
  simulation: { enabled: 'auto', speed: 1, seed: 42 },
  replay: { enabled: false, dir: '../shared/data/wearable-replay', speed: 60, maxParticipants: 2 },
  ble: {
    enabled: 'auto',
    maxConnections: 3,
    scanWatchdogMs: 120_000,
    unavailableAfterMs: 10 * 60_000,
    externalDrivers: { enabled: false, dir: 'ble-drivers' },
    emulated: false,
    bindKeys: {},
  },
  api: {
    enabled: true,
    uiDir: '',
    sessionIdleMinutes: 30,
    sessionMaxHours: 12,
    loginMaxFailures: 5,
    loginAddressMaxFailures: 20,
    loginWindowMinutes: 15,
    lockoutMinutes: 15,
  },
  serial: { enabled: true, discover: true, pollIntervalMs: 2000, ports: [] },
  alerts: DEFAULT_ALERTS_CONFIG,
  observability: DEFAULT_OBSERVABILITY_CONFIG,
  backup: DEFAULT_BACKUP_CONFIG,
  relay: DEFAULT_RELAY_CONFIG,
  inference: DEFAULT_INFERENCE_CONFIG,
  scheduler: {
    jobs: {
      retention: '17 3 * * *',
      status: '*/10 * * * *',
    },
  },
};
