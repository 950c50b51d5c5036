import type { DeviceStatusReport } from '../format.js';

/** Conditions an oximeter reports about itself; each replaces a value with "absent". */
export const oximeterStatus = {
  probeOff: { code: 'probe_off', message: 'sensor unplugged or finger out' },
  noFinger: { code: 'no_finger', message: 'no finger in the sensor' },
  noSignal: { code: 'no_signal', message: 'no usable signal' },
  searching: { code: 'searching', message: 'searching for a pulse' },
  searchingTooLong: { code: 'searching_too_long', message: 'searching for a pulse for too long' },
  sensorAlarm: { code: 'sensor_alarm', message: 'sensor alarm: the data are unusable' },
  outOfTrack: { code: 'out_of_track', message: 'the oximeter lost track of the pulse' },
} as const satisfies Record<string, DeviceStatusReport>;

export function valueMissing(what: string, raw: number): DeviceStatusReport {
  return { code: 'value_missing', message: `${what} not available (device sent ${raw})` };
}

export function valueImplausible(what: string, value: number): DeviceStatusReport {
  return { code: 'value_implausible', message: `${what} ${value} is outside what a person can have; dropped` };
}
