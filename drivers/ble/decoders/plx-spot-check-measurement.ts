import { DecodeError, type DecodeOptions, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { dateTimeToUtcMs, readDateTime } from '../codec/date-time.js';
import { isMedfloatSpecial, medfloatNumber } from '../codec/ieee11073.js';
import { ReadingCollector } from '../codec/plausible-readings.js';
import { plxVerdict } from '../codec/plx-status.js';

const ID = '2a5e';

/**
 * PLX Spot-check Measurement (docs/protocols.md §1.7). Flag bit0 is the time stamp here; bit4 says
 * the device clock is not set, and then its time stamp is not used.
 */
function decode(bytes: Uint8Array, options?: DecodeOptions): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const flags = reader.u8('flags');
  const spo2 = reader.sfloat('SpO2');
  const pulseRate = reader.sfloat('pulse rate');
  const timestamp = (flags & 0x01) !== 0 ? readDateTime(reader, 'time stamp') : undefined;
  const measurementStatus = (flags & 0x02) !== 0 ? reader.u16('measurement status') : undefined;
  const deviceAndSensorStatus = (flags & 0x04) !== 0 ? reader.u24('device and sensor status') : undefined;
  const pulseAmplitudeIndex = (flags & 0x08) !== 0 ? reader.sfloat('pulse amplitude index') : undefined;
  const deviceClockNotSet = (flags & 0x10) !== 0;
  if (isMedfloatSpecial(spo2)) throw new DecodeError(ID, `SpO2 is the special value ${spo2}, no measurement`);
  if (isMedfloatSpecial(pulseRate)) throw new DecodeError(ID, `pulse rate is the special value ${pulseRate}, no measurement`);

  const fields = {
    flags,
    spo2,
    pulseRate,
    ...(timestamp !== undefined ? { timestamp } : {}),
    ...(measurementStatus !== undefined ? { measurementStatus } : {}),
    ...(deviceAndSensorStatus !== undefined ? { deviceAndSensorStatus } : {}),
    ...(pulseAmplitudeIndex !== undefined ? { pulseAmplitudeIndex } : {}),
    deviceClockNotSet,
  };
  const out = new ReadingCollector();
  const verdict = plxVerdict(measurementStatus, deviceAndSensorStatus);
  if (verdict.rejectReason !== undefined) {
    out.report('rejected_by_device_status', `${verdict.rejectReason}; readings not emitted`);
    return out.result(fields);
  }
  const ts = timestamp !== undefined && !deviceClockNotSet ? dateTimeToUtcMs(timestamp, options?.utcOffsetMinutes) : undefined;
  const extras = { ts, flags: verdict.flags };
  out.add('spo2', spo2, extras);
  out.add('pulse_rate', pulseRate, extras);
  out.add('perfusion_index', pulseAmplitudeIndex === undefined ? undefined : medfloatNumber(pulseAmplitudeIndex), extras);
  return out.result(fields);
}

export const plxSpotCheckMeasurementDecoder: FormatDecoder = {
  id: ID,
  description: 'PLX Spot-check Measurement (GATT 0x2A5E): SpO2, pulse rate, time stamp, status, PAI',
  decode,
};
