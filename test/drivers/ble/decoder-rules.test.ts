import t from 'tap';
import { bthomeDecoder } from '../../../drivers/ble/decoders/bthome.js';
import { cgmMeasurementDecoder } from '../../../drivers/ble/decoders/cgm-measurement.js';
import { glucoseMeasurementDecoder } from '../../../drivers/ble/decoders/glucose-measurement.js';
import { intermediateTemperatureDecoder } from '../../../drivers/ble/decoders/intermediate-temperature.js';
import { miScaleV1Decoder } from '../../../drivers/ble/decoders/mi-scale-v1.js';
import { polarPmdEcgDecoder } from '../../../drivers/ble/decoders/polar-pmd-ecg.js';
import { bloodPressureMeasurementDecoder } from '../../../drivers/ble/decoders/blood-pressure-measurement.js';
import { temperatureMeasurementDecoder } from '../../../drivers/ble/decoders/temperature-measurement.js';
import { encodeBloodPressureMeasurement, encodeGlucoseMeasurement, encodeTemperatureMeasurement } from '../../../drivers/ble/encoders/index.js';
import { DecodeError } from '../../../drivers/format.js';

/** The judgement calls of the Bluetooth decoders, each as a user would meet it. */

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

t.test('an intermediate temperature is never a reading', async (t) => {
  const result = intermediateTemperatureDecoder.decode(encodeTemperatureMeasurement({ value: 36.4 }));
  t.same(result.readings, []);
  t.equal(result.fields['celsius'], 36.4, 'the live value is still visible');
  t.match(result.status, [{ code: 'intermediate' }]);
});

t.test('a special temperature is refused, not stored', async (t) => {
  t.throws(() => temperatureMeasurementDecoder.decode(encodeTemperatureMeasurement({ value: 'NaN' })), DecodeError);
});

t.test('blood pressure: NaN MAP is absent, special systolic refuses the record, diastolic ≥ systolic emits no pressures', async (t) => {
  const noMap = bloodPressureMeasurementDecoder.decode(encodeBloodPressureMeasurement({ systolic: 121, diastolic: 79 }));
  t.same(noMap.readings.map((r) => r.metric), ['bp_systolic', 'bp_diastolic']);
  t.throws(() => bloodPressureMeasurementDecoder.decode(encodeBloodPressureMeasurement({ systolic: 'NRes', diastolic: 80 })), /systolic is the special value NRes/);
  const swapped = bloodPressureMeasurementDecoder.decode(encodeBloodPressureMeasurement({ systolic: 80, diastolic: 120, pulseRate: 64 }));
  t.same(swapped.readings.map((r) => r.metric), ['pulse_rate']);
  const unknownUser = bloodPressureMeasurementDecoder.decode(encodeBloodPressureMeasurement({ systolic: 121, diastolic: 79, userId: 0xff }));
  t.equal(unknownUser.readings[0]?.userSlot, undefined, 'user 0xFF is no user slot');
});

t.test('glucose: results outside the meter range (status bit 5 or 6) are not readings; a time fault drops device time', async (t) => {
  const baseTime = { year: 2024, month: 3, day: 1, hours: 7, minutes: 0, seconds: 0 };
  const sample = { concentration: 0.00123, unit: 'kg/L' as const, type: 1, sampleLocation: 1 };
  for (const bit of [5, 6]) {
    const result = glucoseMeasurementDecoder.decode(encodeGlucoseMeasurement({ sequenceNumber: 1, baseTime, sample, sensorStatusAnnunciation: 1 << bit }));
    t.same(result.readings, [], `status bit ${bit}`);
  }
  const timeFault = glucoseMeasurementDecoder.decode(encodeGlucoseMeasurement({ sequenceNumber: 1, baseTime, sample, sensorStatusAnnunciation: 1 << 11 }));
  t.equal(timeFault.readings[0]?.ts, undefined);
  t.equal(timeFault.readings[0]?.value, 123);
});

t.test('CGM: several records in one notification, and a bad E2E-CRC is refused', async (t) => {
  const result = cgmMeasurementDecoder.decode(hex('06000C100600' + '06006E000B00'));
  t.same(result.readings.map((r) => r.value), [120, 110]);
  t.throws(() => cgmMeasurementDecoder.decode(hex('08000C1006000000')), /E2E-CRC/);
});

t.test('BTHome: encrypted without a key or with the wrong key says so', async (t) => {
  const bytes = hex('41A47266C95F730011223378237214');
  t.throws(() => bthomeDecoder.decode(bytes), /give the device key/);
  t.throws(() => bthomeDecoder.decode(bytes, { key: new Uint8Array(16), mac: '54:48:E6:8F:80:A5' }), /decryption failed/);
  t.throws(() => bthomeDecoder.decode(hex('2002CA09')), /version 1/);
});

t.test('Mi scale: only a stable weight with the person on the scale is a reading; lb becomes kg', async (t) => {
  t.same(miScaleV1Decoder.decode(hex('021400E507040B101708')).readings, [], 'not stabilized');
  const lb = miScaleV1Decoder.decode(hex('21983AE507040B101301'));
  t.equal(lb.fields['unit'], 'lb');
  t.ok(Math.abs((lb.readings[0]?.value ?? 0) - 150 * 0.45359237) < 1e-9, '150 lb in kg');
  t.throws(() => miScaleV1Decoder.decode(hex('22')), /exactly 10 bytes/);
});

t.test('Polar ECG: compressed frames and other measurement types are refused', async (t) => {
  t.throws(() => polarPmdEcgDecoder.decode(hex('00' + '0000000000000000' + '80' + '000000')), /compressed/);
  t.throws(() => polarPmdEcgDecoder.decode(hex('02' + '0000000000000000' + '00' + '000000')), /not ECG/);
  const set = polarPmdEcgDecoder.decode(hex('00' + '00A0E8B6D2A8E508' + '00' + '010000020000030000'));
  t.equal(set.waveforms?.[0]?.samples.length, 3);
  t.type(set.waveforms?.[0]?.t0, 'number', 'a set strap clock gives the block a device time');
});
