import type { ConnectedDriver } from './ble-driver.js';
import { OCCASIONAL_USE_UNAVAILABLE_AFTER_MS } from './occasional-use.js';
import { CHARACTERISTIC, SERVICE } from './sig-services.js';

/**
 * Blood Pressure 0x1810. A cuff indicates its stored measurements in a burst as soon as the hub
 * subscribes, every time: the ingest gate drops the ones already stored (same device time).
 */
export const bloodPressureDriver: ConnectedDriver = {
  id: 'ble-blood-pressure',
  label: 'Blood pressure monitor',
  kind: 'connected',
  match: { serviceUuids: [SERVICE.bloodPressure] },
  exposes: [
    { metric: 'bp_systolic', kind: 'stored', perUser: true },
    { metric: 'bp_diastolic', kind: 'stored', perUser: true },
    { metric: 'bp_mean', kind: 'stored', perUser: true },
    { metric: 'pulse_rate', kind: 'stored', perUser: true },
  ],
  unavailableAfterMs: OCCASIONAL_USE_UNAVAILABLE_AFTER_MS,
  streams: [{ service: SERVICE.bloodPressure, characteristic: CHARACTERISTIC.bloodPressureMeasurement, formatId: '2a35' }],
};
