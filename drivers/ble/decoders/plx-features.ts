import type { DecodeResult, FormatDecoder } from '../../format.js';
import { ByteReader } from '../codec/byte-reader.js';

const ID = '2a60';

/** PLX Features (docs/protocols.md §1.7): what the oximeter supports; fields only. */
function decode(bytes: Uint8Array): DecodeResult {
  const reader = new ByteReader(ID, bytes);
  const supportedFeatures = reader.u16('supported features');
  const measurementStatusSupport = (supportedFeatures & 0x01) !== 0 ? reader.u16('measurement status support') : undefined;
  const deviceAndSensorStatusSupport = (supportedFeatures & 0x02) !== 0 ? reader.u24('device and sensor status support') : undefined;
  return {
    readings: [],
    fields: {
      supportedFeatures,
      ...(measurementStatusSupport !== undefined ? { measurementStatusSupport } : {}),
      ...(deviceAndSensorStatusSupport !== undefined ? { deviceAndSensorStatusSupport } : {}),
      spotCheckStorage: (supportedFeatures & 0x04) !== 0,
      spotCheckTimestamp: (supportedFeatures & 0x08) !== 0,
      spo2prFast: (supportedFeatures & 0x10) !== 0,
      spo2prSlow: (supportedFeatures & 0x20) !== 0,
      pulseAmplitudeIndex: (supportedFeatures & 0x40) !== 0,
      multipleBonds: (supportedFeatures & 0x80) !== 0,
    },
  };
}

export const plxFeaturesDecoder: FormatDecoder = {
  id: ID,
  description: 'PLX Features (GATT 0x2A60): supported oximeter features and status bits',
  decode,
};
