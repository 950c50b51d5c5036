import fc from 'fast-check';
import t from 'tap';
import { makeDeviceId, normaliseMac } from '../../core/device-id.js';
import { assertProperty } from '../helpers/property-seed.js';

t.test('each family of device gets its prefix; a Bluetooth device one id however its address is written', (t) => {
  t.equal(makeDeviceId('ble', 'aa:bb:cc:dd:ee:ff'), 'ble:aa:bb:cc:dd:ee:ff', 'the radio (noble reports lower case)');
  t.equal(makeDeviceId('ble', 'AA:BB:CC:DD:EE:FF'), 'ble:aa:bb:cc:dd:ee:ff', 'an ESP32 gateway (upper case)');
  t.equal(makeDeviceId('ble', 'AABBCCDDEEFF'), 'ble:aa:bb:cc:dd:ee:ff', 'an OpenMQTTGateway topic (no colons)');
  t.equal(makeDeviceId('ble', '5C0E1F8A2B3C4D5E6F708192A3B4C5D6'), 'ble:5c0e1f8a2b3c4d5e6f708192a3b4c5d6', 'a macOS peripheral UUID stays as it is, in lower case');
  t.equal(makeDeviceId('serial', 'usb-FTDI_FT232R_USB_UART_A1-if00-port0'), 'serial:usb-FTDI_FT232R_USB_UART_A1-if00-port0');
  t.equal(makeDeviceId('sim', 'strap-alex'), 'sim:strap-alex');
  t.equal(makeDeviceId('replay', 'watch-p01'), 'replay:watch-p01');
  t.equal(makeDeviceId('inference', 'alex'), 'hub:inference:alex');
  t.end();
});

t.test('an id given from outside is kept, except a Bluetooth address, which names the Bluetooth device', (t) => {
  t.equal(makeDeviceId('given', 'kit'), 'kit');
  t.equal(makeDeviceId('given', 'A4:C1:38:00:11:22'), 'ble:a4:c1:38:00:11:22', 'hearth.yaml naming a sensor by its bare address');
  t.equal(makeDeviceId('given', 'ble:A4:C1:38:00:11:22'), 'ble:a4:c1:38:00:11:22');
  t.equal(makeDeviceId('given', 'a4c138001122'), 'a4c138001122', 'twelve hex digits alone may be a serial number: kept');
  t.equal(makeDeviceId('given', 'serial:/dev/ttyUSB0'), 'serial:/dev/ttyUSB0');
  t.equal(normaliseMac('a4c138001122'), 'A4:C1:38:00:11:22');
  t.equal(normaliseMac('a4:c1:38:00:11'), undefined);
  t.end();
});

t.test('property: the radio and a gateway agree on every address, and every id is a fixed point of "given"', (t) => {
  const octets = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 });
  const address = fc.tuple(octets, fc.boolean(), fc.boolean()).map(([bytes, upper, colons]) => {
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0'));
    const text = colons ? hex.join(':') : hex.join('');
    return { mac: hex.join(':'), text: upper ? text.toUpperCase() : text };
  });
  const kinds = fc.constantFrom('ble', 'serial', 'sim', 'replay', 'inference', 'given' as const);
  assertProperty(
    t,
    fc.property(address, ({ mac, text }) => {
      const fromGateway = makeDeviceId('ble', normaliseMac(text) ?? 'not a mac');
      return makeDeviceId('ble', text) === `ble:${mac}` && fromGateway === `ble:${mac}`;
    }),
    { numRuns: 2000 },
  );
  assertProperty(
    t,
    fc.property(kinds, fc.oneof(fc.string(), address.map((a) => a.text)), (kind, local) => {
      const id = makeDeviceId(kind, local);
      return makeDeviceId('given', id) === id;
    }),
    { numRuns: 2000 },
  );
  t.pass('both properties held');
  t.end();
});
