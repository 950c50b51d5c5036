import type { ConnectedDriver } from './ble-driver.js';
import { CHARACTERISTIC, SERVICE } from './sig-services.js';

/** Continuous Glucose Monitoring 0x181F: a reading every few minutes by notification. */
export const cgmDriver: ConnectedDriver = {
  id: 'ble-cgm',
  label: 'Continuous glucose monitor',
  kind: 'connected',
  match: { serviceUuids: [SERVICE.cgm] },
  exposes: [{ metric: 'glucose', kind: 'live' }],
  streams: [{ service: SERVICE.cgm, characteristic: CHARACTERISTIC.cgmMeasurement, formatId: '2aa7' }],
};
