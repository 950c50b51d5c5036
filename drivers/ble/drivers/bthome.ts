import type { AdvertisementDriver } from './ble-driver.js';
import { SERVICE } from './sig-services.js';

/** BTHome v2 advertisements (service data 0xFCD2), plain or AES-CCM encrypted with the device's bind key. */
export const bthomeDriver: AdvertisementDriver = {
  id: 'ble-bthome',
  label: 'BTHome sensor',
  kind: 'advertisement',
  match: { serviceDataUuids: [SERVICE.bthome] },
  exposes: [
    { metric: 'ambient_temperature', kind: 'live' },
    { metric: 'ambient_humidity', kind: 'live' },
    { metric: 'body_weight', kind: 'live' },
    { metric: 'battery', kind: 'live' },
  ],
  serviceData: { uuid: SERVICE.bthome, formatId: 'bthome' },
  usesBindKey: true,
};
