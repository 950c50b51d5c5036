import type { ConnectedDriver } from './ble-driver.js';
import { CHARACTERISTIC, POLAR_PMD, SERVICE } from './sig-services.js';

/** Polar H10: the standard heart rate stream plus ECG at 130 Hz through Polar's PMD service (docs/protocols.md §3.2). */
export const polarH10Driver: ConnectedDriver = {
  id: 'ble-polar-h10',
  label: 'Polar H10 chest strap',
  kind: 'connected',
  match: { serviceUuids: [SERVICE.heartRate], localName: /^Polar H10\b/ },
  exposes: [
    { metric: 'heart_rate', kind: 'live' },
    { metric: 'rr_interval', kind: 'live' },
    { metric: 'ecg', kind: 'waveform' },
  ],
  streams: [
    { service: SERVICE.heartRate, characteristic: CHARACTERISTIC.heartRateMeasurement, formatId: '2a37' },
    { service: POLAR_PMD.service, characteristic: POLAR_PMD.data, formatId: 'polar-pmd-ecg' },
  ],
  procedure: 'polar-pmd-ecg',
};
