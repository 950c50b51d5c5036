import type { ConnectedDriver } from './ble-driver.js';
import { CHARACTERISTIC, SERVICE } from './sig-services.js';

/** Pulse Oximeter 0x1822 (PLXS): continuous values by notification, spot checks by indication. */
export const pulseOximeterDriver: ConnectedDriver = {
  id: 'ble-pulse-oximeter',
  label: 'Pulse oximeter',
  kind: 'connected',
  match: { serviceUuids: [SERVICE.pulseOximeter] },
  exposes: [
    { metric: 'spo2', kind: 'live' },
    { metric: 'pulse_rate', kind: 'live' },
    { metric: 'perfusion_index', kind: 'live' },
  ],
  streams: [
    { service: SERVICE.pulseOximeter, characteristic: CHARACTERISTIC.plxContinuous, formatId: '2a5f', optional: true },
    { service: SERVICE.pulseOximeter, characteristic: CHARACTERISTIC.plxSpotCheck, formatId: '2a5e', optional: true },
  ],
  reads: [{ service: SERVICE.pulseOximeter, characteristic: CHARACTERISTIC.plxFeatures, formatId: '2a60', optional: true }],
};
