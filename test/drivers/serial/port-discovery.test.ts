import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import type { SerialPortInfo } from '../../../drivers/serial/runtime/port-info.js';
import { createPortLister } from '../../../drivers/serial/runtime/port-lister.js';
import { PortWatcher, type PortChange } from '../../../drivers/serial/runtime/port-watcher.js';
import { ManualScheduler } from '../../../core/scheduler.js';
import { SerialRuntime } from '../../../drivers/serial/runtime/serial-runtime.js';
import { sysfsPortLister } from '../../../drivers/serial/runtime/sysfs-port-lister.js';
import { simulatedContecLegacy, simulatedNoninDf2, simulatePackets } from '../../../drivers/serial/sim/simulated-protocols.js';
import { FakeSerialLine, runFor } from './helpers/fake-serial-line.js';
import { RecordingSink } from './helpers/recording-sink.js';

t.test('port listing survives a machine without udevadm', async (t) => {
  const udevMissing = async (): Promise<never> => {
    throw Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });
  };
  const fromSysfs: SerialPortInfo[] = [{ path: '/dev/ttyUSB0', vendorId: '10c4', productId: 'ea60' }];
  t.same(await createPortLister(udevMissing, async () => fromSysfs)(), fromSysfs, 'falls back to sysfs');
  t.same(await createPortLister(udevMissing, udevMissing)(), [], 'both failing gives an empty list, not an error');
  const listed = await createPortLister(async () => [
    { path: '/dev/ttyUSB1', pnpId: 'usb-FTDI_FT232R-if00-port0', vendorId: '0403', productId: '6001', manufacturer: 'FTDI' },
  ])();
  t.same(listed, [{ path: '/dev/ttyUSB1', byIdName: 'usb-FTDI_FT232R-if00-port0', vendorId: '0403', productId: '6001', manufacturer: 'FTDI' }]);
});

t.test('the sysfs lister reads USB ids and the by-id name', async (t) => {
  const root = mkdtempSync(path.join(tmpdir(), 'hearth-sysfs-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const usb = path.join(root, 'sys/devices/pci0000:00/usb1/1-1');
  mkdirSync(path.join(usb, '1-1:1.0/ttyUSB0'), { recursive: true });
  writeFileSync(path.join(usb, 'idVendor'), '10c4\n');
  writeFileSync(path.join(usb, 'idProduct'), 'EA60\n');
  writeFileSync(path.join(usb, 'serial'), '0001\n');
  mkdirSync(path.join(root, 'sys/class/tty/ttyUSB0'), { recursive: true });
  symlinkSync(path.join(usb, '1-1:1.0'), path.join(root, 'sys/class/tty/ttyUSB0/device'));
  mkdirSync(path.join(root, 'sys/class/tty/ttyS0'), { recursive: true });
  mkdirSync(path.join(root, 'dev/serial/by-id'), { recursive: true });
  writeFileSync(path.join(root, 'dev/ttyUSB0'), '');
  symlinkSync('../../ttyUSB0', path.join(root, 'dev/serial/by-id/usb-Silicon_Labs_CP2102-if00-port0'));
  t.same(await sysfsPortLister(root)(), [
    {
      path: path.join(root, 'dev/ttyUSB0'),
      byIdName: 'usb-Silicon_Labs_CP2102-if00-port0',
      vendorId: '10c4',
      productId: 'ea60',
      serialNumber: '0001',
    },
  ]);
  t.same(await sysfsPortLister(path.join(root, 'nowhere'))(), [], 'a missing sysfs is an empty list');
});

t.test('the watcher reports plug and unplug, and ignores a failed listing', async (t) => {
  const scheduler = new ManualScheduler();
  const usb0 = { path: '/dev/ttyUSB0' };
  const usb1 = { path: '/dev/ttyUSB1' };
  const listings: (readonly SerialPortInfo[] | Error)[] = [[usb0], [usb0, usb1], new Error('udev busy'), [usb1]];
  const watcher = new PortWatcher(async () => {
    const next = listings.shift() ?? [usb1];
    if (next instanceof Error) throw next;
    return next;
  }, scheduler, 1000);
  const changes: PortChange[] = [];
  watcher.onChange((c) => changes.push(c));
  await watcher.start();
  await runFor(scheduler, 3500);
  t.same(changes, [
    { added: [usb0], removed: [] },
    { added: [usb1], removed: [] },
    { added: [], removed: [usb0] },
  ]);
  t.equal(watcher.listingFailures, 1);
  await watcher.stop();
  t.equal(scheduler.pending, 0);
});

function legacySecond(): Uint8Array {
  return Uint8Array.from(simulatePackets(simulatedContecLegacy, [{ spo2: 96, pulseRate: 70 }]).flatMap((p) => [...p]));
}

t.test('a plugged-in CP210x is probed, found to speak the legacy protocol, and read until pulled out', async (t) => {
  const scheduler = new ManualScheduler(1_700_000_000_000);
  // The device streams legacy packets; at any other line speed the hub would read noise.
  const line = new FakeSerialLine(() => scheduler.now(), (_path, settings) =>
    settings.baudRate === 19200 ? legacySecond() : Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff),
  );
  const ports: SerialPortInfo[] = [];
  const sink = new RecordingSink();
  const runtime = new SerialRuntime({
    sink,
    open: line.open,
    list: async () => [...ports],
    scheduler,
    clock: scheduler,
    configuredPorts: [],
    discover: true,
    pollIntervalMs: 2000,
    probe: { windowMs: 500, minPackets: 5 },
  });
  await runtime.start();
  ports.push(
    { path: '/dev/ttyUSB0', byIdName: 'usb-Silicon_Labs_CP2102_0001-if00-port0', vendorId: '10c4', productId: 'ea60' },
    { path: '/dev/ttyACM0', vendorId: '1a86', productId: '55d4' },
  );
  line.present.add('/dev/ttyUSB0');
  line.present.add('/dev/ttyACM0');
  await runFor(scheduler, 4000);
  t.same(line.attempts.map((a) => a.path).filter((p) => p === '/dev/ttyACM0'), [], 'a port without an oximeter bridge is never opened');
  const bauds = line.connections.map((c) => c.settings.baudRate);
  t.same(bauds.slice(0, 2), [115200, 19200], 'V7 tried first, then the legacy protocol');
  t.same(runtime.list().map((s) => [s.deviceId, s.driver, s.state]), [['serial:usb-Silicon_Labs_CP2102_0001-if00-port0', 'contec-legacy', 'open']]);
  t.equal(sink.batches.length, 1, 'the second the device sent on open');
  t.same(sink.batches[0]?.readings.map((r) => [r.metric, r.value]), [['spo2', 96], ['pulse_rate', 70]]);

  ports.splice(0, 1);
  await runFor(scheduler, 2000);
  t.same(runtime.list(), [], 'the session ends when the port goes away');
  t.equal(sink.statusCount('port_removed'), 1);
  t.equal(line.connections.every((c) => c.closed), true, 'every opened port closed');
  await runtime.stop();
});

t.test('a configured port without a driver is probed until a device answers', async (t) => {
  const scheduler = new ManualScheduler(0);
  const nonin = Uint8Array.from(simulatePackets(simulatedNoninDf2, [{ spo2: 95, pulseRate: 66 }]).flatMap((p) => [...p]));
  const line = new FakeSerialLine(() => scheduler.now(), (_path, settings) => (settings.baudRate === 9600 ? nonin : undefined));
  const sink = new RecordingSink();
  const byId = '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A1-if00-port0';
  const runtime = new SerialRuntime({
    sink,
    open: line.open,
    list: async () => [],
    scheduler,
    clock: scheduler,
    configuredPorts: [{ path: byId }],
    discover: false,
    pollIntervalMs: 2000,
    probe: { windowMs: 500, minPackets: 2 },
  });
  await runtime.start();
  await runFor(scheduler, 3000);
  t.equal(runtime.list().length, 0, 'nothing plugged in yet');
  t.ok(sink.statusCount('no_driver_matched') >= 1);
  line.present.add(byId);
  await runFor(scheduler, 6000);
  t.same(runtime.list().map((s) => [s.deviceId, s.driver]), [['serial:usb-FTDI_FT232R_USB_UART_A1-if00-port0', 'nonin-df2']]);
  t.same(sink.batches[0]?.readings.map((r) => [r.metric, r.value]), [['spo2', 95], ['pulse_rate', 66]]);
  await runtime.stop();
});

t.test('a configured port naming an unknown driver is refused at start', async (t) => {
  const scheduler = new ManualScheduler(0);
  const runtime = new SerialRuntime({
    sink: new RecordingSink(),
    open: new FakeSerialLine(() => 0).open,
    list: async () => [],
    scheduler,
    clock: scheduler,
    configuredPorts: [{ path: '/dev/ttyUSB0', driver: 'contec-v9' }],
    discover: false,
    pollIntervalMs: 1000,
    probe: { windowMs: 500, minPackets: 2 },
  });
  await t.rejects(runtime.start(), /unknown driver "contec-v9"/);
});
