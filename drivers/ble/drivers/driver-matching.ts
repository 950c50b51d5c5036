import type { BleDriver, BleMatcher } from './ble-driver.js';
import { shortUuid } from './ble-driver.js';

/** What an advertisement says, in the form matchers read. */
export interface AdvertisedData {
  readonly localName?: string;
  readonly serviceUuids: readonly string[];
  readonly serviceData: readonly { readonly uuid: string; readonly data: Uint8Array }[];
  readonly manufacturerData?: Uint8Array;
}

function criteria(match: BleMatcher): number {
  return [match.serviceUuids, match.serviceDataUuids, match.manufacturerId, match.localName].filter((c) => c !== undefined).length;
}

export function matches(match: BleMatcher, ad: AdvertisedData): boolean {
  if (criteria(match) === 0) return false;
  const services = ad.serviceUuids.map(shortUuid);
  if (match.serviceUuids !== undefined && !match.serviceUuids.some((u) => services.includes(shortUuid(u)))) return false;
  const dataUuids = ad.serviceData.map((d) => shortUuid(d.uuid));
  if (match.serviceDataUuids !== undefined && !match.serviceDataUuids.some((u) => dataUuids.includes(shortUuid(u)))) return false;
  if (match.manufacturerId !== undefined) {
    const data = ad.manufacturerData;
    if (data === undefined || data.length < 2 || ((data[0] ?? 0) | ((data[1] ?? 0) << 8)) !== match.manufacturerId) return false;
  }
  if (match.localName !== undefined && (ad.localName === undefined || !match.localName.test(ad.localName))) return false;
  return true;
}

/**
 * The driver for an advertisement: of those that match, the one that asked for most (a Polar H10
 * by name and service beats any heart-rate sensor); on a tie, the earlier in the list, so that a
 * user's own drivers (listed first) win over the shipped ones.
 */
export function matchDriver(drivers: readonly BleDriver[], ad: AdvertisedData): BleDriver | undefined {
  let best: BleDriver | undefined;
  for (const driver of drivers) {
    if (!matches(driver.match, ad)) continue;
    if (driver.kind === 'advertisement') {
      const data = ad.serviceData.find((d) => shortUuid(d.uuid) === shortUuid(driver.serviceData.uuid));
      if (data === undefined || (driver.serviceData.length !== undefined && data.data.length !== driver.serviceData.length)) continue;
    }
    if (best === undefined || criteria(driver.match) > criteria(best.match)) best = driver;
  }
  return best;
}
