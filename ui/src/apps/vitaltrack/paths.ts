import { href } from '../dashboard-app.js';

export const HOUSEHOLD_PATH = '/';
export const PERSON_PATH = '/people/:personId';
export const PERSON_LIVE_PATH = '/people/:personId/live';
export const PERSON_LOGBOOK_PATH = '/people/:personId/logbook';
export const DEVICES_PATH = '/devices';
export const DEVICE_PATH = '/devices/:deviceId';
export const ALERTS_PATH = '/alerts';
export const INSIGHTS_PATH = '/insights';

export function personHref(personId: string): string {
  return href(`/people/${encodeURIComponent(personId)}`);
}

export function personLiveHref(personId: string): string {
  return href(`/people/${encodeURIComponent(personId)}/live`);
}

export function personLogbookHref(personId: string): string {
  return href(`/people/${encodeURIComponent(personId)}/logbook`);
}

export function deviceHref(deviceId: string): string {
  return href(`/devices/${encodeURIComponent(deviceId)}`);
}
