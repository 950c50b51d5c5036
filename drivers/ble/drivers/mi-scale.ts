import type { AdvertisementDriver } from './ble-driver.js';
import { OCCASIONAL_USE_UNAVAILABLE_AFTER_MS } from './occasional-use.js';
import { SERVICE } from './sig-services.js';

/** Xiaomi Mi Smart Scale v1: 10 bytes of service data 0x181D (docs/protocols.md §3.1). */
export const miScaleV1Driver: AdvertisementDriver = {
  id: 'ble-mi-scale-v1',
  label: 'Xiaomi Mi Smart Scale',
  kind: 'advertisement',
  match: { serviceDataUuids: [SERVICE.weightScale] },
  exposes: [{ metric: 'body_weight', kind: 'live' }],
  unavailableAfterMs: OCCASIONAL_USE_UNAVAILABLE_AFTER_MS,
  serviceData: { uuid: SERVICE.weightScale, formatId: 'miscale-v1', length: 10 },
};

/** Xiaomi Mi Body Composition Scale v2 ("MIBFS"): 13 bytes of service data 0x181B. */
export const miScaleV2Driver: AdvertisementDriver = {
  id: 'ble-mi-scale-v2',
  label: 'Xiaomi Mi Body Composition Scale 2',
  kind: 'advertisement',
  match: { serviceDataUuids: [SERVICE.bodyComposition] },
  exposes: [
    { metric: 'body_weight', kind: 'live' },
    { metric: 'impedance', kind: 'live' },
  ],
  unavailableAfterMs: OCCASIONAL_USE_UNAVAILABLE_AFTER_MS,
  serviceData: { uuid: SERVICE.bodyComposition, formatId: 'miscale-v2', length: 13 },
};
