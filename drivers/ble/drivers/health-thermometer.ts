import type { ConnectedDriver } from './ble-driver.js';
import { OCCASIONAL_USE_UNAVAILABLE_AFTER_MS } from './occasional-use.js';
import { CHARACTERISTIC, SERVICE } from './sig-services.js';

/** Health Thermometer 0x1809: the final temperature is indicated; intermediate values are not stored. */
export const healthThermometerDriver: ConnectedDriver = {
  id: 'ble-health-thermometer',
  label: 'Thermometer',
  kind: 'connected',
  match: { serviceUuids: [SERVICE.healthThermometer] },
  exposes: [{ metric: 'body_temperature', kind: 'live' }],
  unavailableAfterMs: OCCASIONAL_USE_UNAVAILABLE_AFTER_MS,
  streams: [{ service: SERVICE.healthThermometer, characteristic: CHARACTERISTIC.temperatureMeasurement, formatId: '2a1c' }],
};
