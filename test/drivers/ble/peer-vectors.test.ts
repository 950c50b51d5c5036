import t from 'tap';
import { batteryLevelDecoder } from '../../../drivers/ble/decoders/battery-level.js';
import { bthomeDecoder } from '../../../drivers/ble/decoders/bthome.js';
import { cgmMeasurementDecoder } from '../../../drivers/ble/decoders/cgm-measurement.js';
import { plxContinuousMeasurementDecoder } from '../../../drivers/ble/decoders/plx-continuous-measurement.js';
import { plxSpotCheckMeasurementDecoder } from '../../../drivers/ble/decoders/plx-spot-check-measurement.js';
import { recordAccessControlPointDecoder } from '../../../drivers/ble/decoders/record-access-control-point.js';
import type { FormatDecoder } from '../../../drivers/format.js';

/**
 * Payloads taken from other projects' tests and implementations, each with what that project
 * makes of it, so that the decoders keep agreeing with their peers (docs/protocols.md, §8 for the
 * sources). "Constructed" vectors are built byte by byte from the rule the named source applies.
 */

interface PeerVector {
  readonly hex: string;
  /** Repository and file the bytes and their meaning come from. */
  readonly source: string;
}

const bytesOf = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));

function decode(decoder: FormatDecoder, vector: PeerVector): ReturnType<FormatDecoder['decode']> {
  return decoder.decode(bytesOf(vector.hex), { utcOffsetMinutes: 0 });
}

const NORDIC_CGM_FULL: PeerVector = {
  hex: '0F E3 D2E4 0500 02 14 FF 02F0 E5F3 8E3F',
  source: 'NordicSemiconductor/Android-BLE-Common-Library ble-common/src/test/java/no/nordicsemi/android/ble/common/callback/cgm/ContinuousGlucoseMeasurementDataCallbackTest.java onContinuousGlucoseMeasurementReceived_full',
};

const CGM_HYPO_WARNING: PeerVector = {
  hex: '08 A0 4100 0A00 02 04',
  source: 'constructed: octet order of nrfconnect/sdk-nrf subsys/bluetooth/services/cgms/cgms.c bt_cgms_notify_meas (status, cal/temp, warning); bits of oesmith/gatt-xml org.bluetooth.characteristic.cgm_measurement.xml',
};

t.test('CGM: the annunciation octets come status first, then cal/temp, then warning', async (t) => {
  const full = decode(cgmMeasurementDecoder, NORDIC_CGM_FULL);
  t.match(
    full.fields,
    { size: 15, glucoseMgDl: 12.34, timeOffsetMin: 5, statusOctet: 0x02, calTempOctet: 0x14, warningOctet: 0xff, trendMgDlPerMin: 0.2, qualityPercent: 99.7, crc: 0x3f8e },
    `${NORDIC_CGM_FULL.source}: battery low (status bit 1), calibration recommended and sensor too hot (cal/temp), every warning bit`,
  );
  t.same(full.readings, [], 'warning bits 22/23 say the result is outside what the device can process: no reading');
  t.match(full.status, [{ code: 'out_of_measuring_range' }]);

  const hypo = decode(cgmMeasurementDecoder, CGM_HYPO_WARNING);
  t.match(hypo.fields, { statusOctet: 0x02, warningOctet: 0x04 }, CGM_HYPO_WARNING.source);
  t.same(hypo.readings, [{ metric: 'glucose', value: 65, flags: ['interstitial_fluid'] }], 'a glucose below the hypo level is a reading like any other, not a sensor fault');
});

t.test('CGM: a sensor fault or a temperature out of range flags the reading, a low battery does not', async (t) => {
  const record = (status: string, calTemp: string): Uint8Array => bytesOf(`08 C0 6E00 0100 ${status} ${calTemp}`);
  t.same(cgmMeasurementDecoder.decode(record('08', '00')).readings[0]?.flags, ['interstitial_fluid', 'questionable'], 'sensor malfunction (bit 3)');
  t.same(cgmMeasurementDecoder.decode(record('00', '10')).readings[0]?.flags, ['interstitial_fluid', 'questionable'], 'sensor temperature too high (bit 12)');
  t.same(cgmMeasurementDecoder.decode(record('02', '04')).readings[0]?.flags, ['interstitial_fluid'], 'battery low and calibration recommended');
});

const NORDIC_RACP = 'NordicSemiconductor/Android-BLE-Common-Library ble-common/src/test/java/no/nordicsemi/android/ble/common/callback/RecordAccessControlPointDataCallbackTest.java';

t.test('RACP: a record count is 1, 2 or 4 bytes; any other operand is refused, not read as a number', async (t) => {
  const counts: Array<[string, number, string]> = [
    ['05 00 01', 1, 'onNumberOfRecordsReceived_uint8'],
    ['05 00 02 01', 258, 'onNumberOfRecordsReceived_uint16'],
    ['05 00 04 03 02 01', 16_909_060, 'onNumberOfRecordsReceived_uint32'],
  ];
  for (const [hex, count, name] of counts) {
    t.equal(decode(recordAccessControlPointDecoder, { hex, source: NORDIC_RACP }).fields['numberOfRecords'], count, `${hex} → ${count} (${name})`);
  }
  t.throws(() => decode(recordAccessControlPointDecoder, { hex: '05 00 03 02 01', source: NORDIC_RACP }), /3-byte operand is not a count/, '05 00 03 02 01 is invalid (onNumberOfRecordsReceived_unsupportedLength)');
  t.throws(() => decode(recordAccessControlPointDecoder, { hex: '05 00', source: NORDIC_RACP }), /payload too short/, 'no count at all');
});

t.test('RACP: a response code is exactly four bytes', async (t) => {
  const source = 'NordicSemiconductor/Android-BLE-Common-Library ble-common/src/main/java/no/nordicsemi/android/ble/common/callback/RecordAccessControlPointDataCallback.java (data.size() != 4 is invalid)';
  t.match(decode(recordAccessControlPointDecoder, { hex: '06 00 01 01', source }).fields, { requestOpCode: 1, responseCode: 1, responseCodeName: 'success' });
  t.match(decode(recordAccessControlPointDecoder, { hex: '06 00 0C 02', source }).fields, { requestOpCode: 12, responseCode: 2 }, 'onRecordAccessOperationError_opCodeNotSupported');
  t.throws(() => decode(recordAccessControlPointDecoder, { hex: '06 00 01 01 00', source }), /after its operand/, source);
});

t.test('Battery Level: exactly one byte', async (t) => {
  const source = 'NordicSemiconductor/Android-BLE-Common-Library ble-common/src/test/java/no/nordicsemi/android/ble/common/callback/battery/BatteryLevelDataCallbackTest.java';
  t.same(decode(batteryLevelDecoder, { hex: '64', source }).readings, [{ metric: 'battery', value: 100 }], 'onBatteryLevelChanged_fullBattery');
  t.same(decode(batteryLevelDecoder, { hex: '0F', source }).readings, [{ metric: 'battery', value: 15 }], 'onBatteryLevelChanged_lowBattery');
  t.throws(() => decode(batteryLevelDecoder, { hex: '64 00', source }), /one byte, got 2/, 'onInvalidDataReceived_dataTooLong');
  t.same(decode(batteryLevelDecoder, { hex: '65', source }).readings, [], 'onInvalidDataReceived_batteryLevelOutOfRange: 101 % is no reading');
});

t.test('BTHome: an object cut off by the end of the payload leaves the complete objects before it', async (t) => {
  const source = 'constructed from Bluetooth-Devices/bthome-ble src/bthome_ble/parser.py _parse_payload (an object running past the payload ends the loop; the objects before it are kept)';
  const cutHumidity = decode(bthomeDecoder, { hex: '40 02CA09 03BF', source });
  t.same(cutHumidity.fields['objects'], { temperature_C: 25.06 }, `${source}: bthome-ble test_bthome_temperature_humidity without its last byte`);
  t.same(cutHumidity.readings, [{ metric: 'ambient_temperature', value: 25.06 }]);
  t.match(cutHumidity.status, [{ code: 'truncated_object', message: /0x03 \(humidity_pct\)/ }]);

  const cutText = decode(bthomeDecoder, { hex: '40 015D 53', source });
  t.same(cutText.fields['objects'], { battery_pct: 93 }, 'a text object without its length byte');
  t.same(decode(bthomeDecoder, { hex: '40 5305 4142', source }).fields['objects'], {}, 'a text object shorter than its length byte says');
  t.same(decode(bthomeDecoder, { hex: '40 02CA09 03BF13', source }).status, undefined, 'the whole advertisement has no status');
});

t.test('PLX: a measurement the device calls questionable is kept and flagged, as glucose readings are', async (t) => {
  const spotCheck: PeerVector = { hex: '0FACF3BEF5E8070B1D170839204022000066E3', source: 'StanfordSpezi/SpeziBluetooth Tests/SpeziBluetoothServicesTests/PLXTests.swift testSpotCheckMeasurementCoding' };
  const result = decode(plxSpotCheckMeasurementDecoder, spotCheck);
  t.match(result.fields, { measurementStatus: 0x4020, deviceAndSensorStatus: 0x22 }, `${spotCheck.source}: measurement ongoing, questionable; equipment malfunction, low perfusion`);
  const ts = Date.UTC(2024, 10, 29, 23, 8, 57);
  const flags = ['low_perfusion', 'questionable'];
  t.same(result.readings, [
    { metric: 'spo2', value: 94, ts, flags },
    { metric: 'pulse_rate', value: 147, ts, flags },
    { metric: 'perfusion_index', value: 8.7, ts, flags },
  ]);

  const continuous: PeerVector = { hex: '1C5F005A00004000000057F0', source: 'constructed from StanfordSpezi/SpeziBluetooth PLXTests.swift testSimpleMeasurementCoding with status bit 14 (questionable) for bit 5' };
  t.same(decode(plxContinuousMeasurementDecoder, continuous).readings.map((r) => [r.metric, r.value, r.flags]), [
    ['spo2', 95, ['questionable']],
    ['pulse_rate', 90, ['questionable']],
    ['perfusion_index', 8.7, ['questionable']],
  ], continuous.source);
  t.same(decode(plxContinuousMeasurementDecoder, { hex: '1C5F005A00008000000057F0', source: continuous.source }).readings, [], 'status bit 15 (invalid measurement) is still no reading');
});
