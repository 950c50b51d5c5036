import type { ConnectedDriver } from './ble-driver.js';
import { OCCASIONAL_USE_UNAVAILABLE_AFTER_MS } from './occasional-use.js';
import { CHARACTERISTIC, SERVICE } from './sig-services.js';

/**
 * Body Composition 0x181B, which such scales offer beside Weight Scale 0x181D: both streams, so
 * the weight and the body fat of one step on the scale arrive under one user slot.
 */
export const bodyCompositionDriver: ConnectedDriver = {
  id: 'ble-body-composition',
  label: 'Body composition scale',
  kind: 'connected',
  match: { serviceUuids: [SERVICE.bodyComposition] },
  exposes: [
    { metric: 'body_weight', kind: 'stored', perUser: true },
    { metric: 'body_fat', kind: 'stored', perUser: true },
    { metric: 'bmi', kind: 'stored', perUser: true },
    { metric: 'impedance', kind: 'stored', perUser: true },
  ],
  unavailableAfterMs: OCCASIONAL_USE_UNAVAILABLE_AFTER_MS,
  streams: [
    { service: SERVICE.bodyComposition, characteristic: CHARACTERISTIC.bodyCompositionMeasurement, formatId: '2a9c' },
    { service: SERVICE.weightScale, characteristic: CHARACTERISTIC.weightMeasurement, formatId: '2a9d', optional: true },
  ],
};
