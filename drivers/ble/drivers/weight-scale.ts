import type { ConnectedDriver } from './ble-driver.js';
import { OCCASIONAL_USE_UNAVAILABLE_AFTER_MS } from './occasional-use.js';
import { CHARACTERISTIC, SERVICE } from './sig-services.js';

/** Weight Scale 0x181D: each measurement names the scale's user slot, which the household maps to a person. */
export const weightScaleDriver: ConnectedDriver = {
  id: 'ble-weight-scale',
  label: 'Scale',
  kind: 'connected',
  match: { serviceUuids: [SERVICE.weightScale] },
  exposes: [
    { metric: 'body_weight', kind: 'stored', perUser: true },
    { metric: 'bmi', kind: 'stored', perUser: true },
  ],
  unavailableAfterMs: OCCASIONAL_USE_UNAVAILABLE_AFTER_MS,
  streams: [{ service: SERVICE.weightScale, characteristic: CHARACTERISTIC.weightMeasurement, formatId: '2a9d' }],
};
