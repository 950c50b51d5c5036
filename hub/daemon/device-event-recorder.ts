import type { HubBus } from '../bus/hub-events.js';
import type { DeviceEventLog } from '../store/index.js';
import type { HubPart } from './hub-part.js';

export const DEVICE_EVENTS_PART = 'device-events';

/**
 * Keeps each device's history of connections and availability, as the sources tell it on the bus,
 * in the store's device event table: the device page lists it, a person's logbook shows it. Runs
 * before the sources start and stops after them, so a link the hub ends on its way down is kept.
 */
export function deviceEventRecorder(bus: HubBus, log: () => DeviceEventLog): HubPart {
  return {
    name: DEVICE_EVENTS_PART,
    start: async () => {
      bus.on('device.connection', DEVICE_EVENTS_PART, (event) => log().record({ deviceId: event.deviceId, ts: event.ts, kind: event.connected ? 'connected' : 'disconnected' }));
      bus.on('device.availability', DEVICE_EVENTS_PART, (event) => log().record({ deviceId: event.deviceId, ts: event.ts, kind: event.available ? 'available' : 'unavailable' }));
    },
    // The hub removes the part's listeners when it stops.
    stop: async () => undefined,
  };
}
