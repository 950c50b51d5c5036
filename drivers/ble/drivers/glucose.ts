import type { ConnectedDriver } from './ble-driver.js';
import { OCCASIONAL_USE_UNAVAILABLE_AFTER_MS } from './occasional-use.js';
import { CHARACTERISTIC, SERVICE } from './sig-services.js';

/**
 * Glucose 0x1808: records are downloaded through the Record Access Control Point, only those after
 * the last sequence number the hub stored (docs/protocols.md §1.11).
 */
export const glucoseDriver: ConnectedDriver = {
  id: 'ble-glucose',
  label: 'Glucose meter',
  kind: 'connected',
  match: { serviceUuids: [SERVICE.glucose] },
  exposes: [{ metric: 'glucose', kind: 'stored' }],
  unavailableAfterMs: OCCASIONAL_USE_UNAVAILABLE_AFTER_MS,
  streams: [{ service: SERVICE.glucose, characteristic: CHARACTERISTIC.glucoseMeasurement, formatId: '2a18' }],
  procedure: 'glucose-racp-download',
};
