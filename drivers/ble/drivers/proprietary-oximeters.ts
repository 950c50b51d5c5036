import type { ConnectedDriver } from './ble-driver.js';
import { BERRYMED, JUMPER } from './sig-services.js';

/** BerryMed BM1000-style oximeters: the BCI byte stream over a transparent-UART service (docs/protocols.md §3.3). */
export const berryMedOximeterDriver: ConnectedDriver = {
  id: 'ble-berrymed-oximeter',
  label: 'BerryMed pulse oximeter',
  kind: 'connected',
  match: { localName: /^(BerryMed|BM\d{3,4})/i },
  exposes: [
    { metric: 'spo2', kind: 'live' },
    { metric: 'pulse_rate', kind: 'live' },
    { metric: 'pleth', kind: 'waveform' },
  ],
  streams: [{ service: BERRYMED.service, characteristic: BERRYMED.notify, formatId: 'berrymed-bci', framing: 'berrymed-bci' }],
};

/** Jumper JPD-500F and relabels (docs/protocols.md §3.4). */
export const jumperOximeterDriver: ConnectedDriver = {
  id: 'ble-jumper-oximeter',
  label: 'Jumper pulse oximeter',
  kind: 'connected',
  match: { serviceUuids: [JUMPER.service] },
  exposes: [
    { metric: 'spo2', kind: 'live' },
    { metric: 'pulse_rate', kind: 'live' },
    { metric: 'perfusion_index', kind: 'live' },
  ],
  streams: [{ service: JUMPER.service, characteristic: JUMPER.notify, formatId: 'jumper-oximeter' }],
};
