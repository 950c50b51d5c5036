import type { ConnectedDriver } from './ble-driver.js';
import { CHARACTERISTIC, SERVICE } from './sig-services.js';

/** Heart Rate service 0x180D: heart rate and RR intervals while connected, body sensor location once. */
export const heartRateDriver: ConnectedDriver = {
  id: 'ble-heart-rate',
  label: 'Heart rate sensor',
  kind: 'connected',
  match: { serviceUuids: [SERVICE.heartRate] },
  exposes: [
    { metric: 'heart_rate', kind: 'live' },
    { metric: 'rr_interval', kind: 'live' },
    { metric: 'energy_expended', kind: 'live' },
  ],
  streams: [{ service: SERVICE.heartRate, characteristic: CHARACTERISTIC.heartRateMeasurement, formatId: '2a37' }],
  reads: [{ service: SERVICE.heartRate, characteristic: CHARACTERISTIC.bodySensorLocation, formatId: '2a38', optional: true }],
};
