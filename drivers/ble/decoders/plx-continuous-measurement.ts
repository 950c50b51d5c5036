import { DecodeError, type DecodeResult, type FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';
import { isMedfloatSpecial, medfloatNumber } from '../codec/ieee11073.js';
import { ReadingCollector } from '../codec/plausible-readings.js';
import { plxVerdict } from '../codec/plx-status.js';

const ID = '2a5f';

/**
 * PLX Continuous Measurement (docs/protocols.md §1.7). Flag bit0 here means "Fast values follow",
 * unlike the spot-check's bit0 (time stamp). Readings come from the Normal pair; Fast and Slow
 * stay in `fields`. The pulse amplitude index is emitted as perfusion_index.
 */
function decode(bytes: Uint8Array): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const flags = reader.u8('flags');
  const spo2 = reader.sfloat('SpO2');
  const pulseRate = reader.sfloat('pulse rate');
  const fast = (flags & 0x01) !== 0 ? { spo2Fast: reader.sfloat('SpO2 fast'), pulseRateFast: reader.sfloat('pulse rate fast') } : {};
  const slow = (flags & 0x02) !== 0 ? { spo2Slow: reader.sfloat('SpO2 slow'), pulseRateSlow: reader.sfloat('pulse rate slow') } : {};
  const measurementStatus = (flags & 0x04) !== 0 ? reader.u16('measurement status') : undefined;
  const deviceAndSensorStatus = (flags & 0x08) !== 0 ? reader.u24('device and sensor status') : undefined;
  const pulseAmplitudeIndex = (flags & 0x10) !== 0 ? reader.sfloat('pulse amplitude index') : undefined;
  if (isMedfloatSpecial(spo2)) throw new DecodeError(ID, `SpO2 is the special value ${spo2}, no measurement`);
  if (isMedfloatSpecial(pulseRate)) throw new DecodeError(ID, `pulse rate is the special value ${pulseRate}, no measurement`);

  const fields = {
    flags,
    spo2,
    pulseRate,
    ...fast,
    ...slow,
    ...(measurementStatus !== undefined ? { measurementStatus } : {}),
    ...(deviceAndSensorStatus !== undefined ? { deviceAndSensorStatus } : {}),
    ...(pulseAmplitudeIndex !== undefined ? { pulseAmplitudeIndex } : {}),
  };
  const out = new ReadingCollector();
  const verdict = plxVerdict(measurementStatus, deviceAndSensorStatus);
  if (verdict.rejectReason !== undefined) {
    out.report('rejected_by_device_status', `${verdict.rejectReason}; readings not emitted`);
    return out.result(fields);
  }
  const extras = { flags: verdict.flags };
  out.add('spo2', spo2, extras);
  out.add('pulse_rate', pulseRate, extras);
  out.add('perfusion_index', pulseAmplitudeIndex === undefined ? undefined : medfloatNumber(pulseAmplitudeIndex), extras);
  return out.result(fields);
}

export const plxContinuousMeasurementDecoder: FormatDecoder = {
  id: ID,
  description: 'PLX Continuous Measurement (GATT 0x2A5F): SpO2 and pulse rate (normal/fast/slow), status, PAI',
  decode,
};
