import type { BluetoothState } from '../../../api/types.js';

/** What the household can do about each reason the hub's Bluetooth does not work. */
const ADVICE: Readonly<Record<NonNullable<BluetoothState['problem']>, string>> = {
  no_adapter: 'Plug a USB Bluetooth adapter into the hub and restart it, or set up an ESP32 Bluetooth gateway (OpenMQTTGateway or Theengs) on your network: the devices it hears show up here too.',
  permission:
    'Give the hub the right to use the adapter: run sudo setcap cap_net_raw+eip $(readlink -f $(which node)) on the hub and restart it (the installed service has this right already). An ESP32 Bluetooth gateway works meanwhile.',
  powered_off: 'Turn the adapter on (bluetoothctl power on, or rfkill unblock bluetooth); the hub picks it up by itself.',
  not_loaded: 'The hub’s Bluetooth software did not start; its log says why. An ESP32 Bluetooth gateway on your network works meanwhile.',
  disabled: 'Bluetooth is switched off in the hub’s configuration (ble.enabled). Turn it on and restart the hub, or use an ESP32 Bluetooth gateway.',
};

/** Says plainly when the hub cannot hear Bluetooth devices, why, and what to do; nothing while it can. */
export function BluetoothNotice({ bluetooth }: { readonly bluetooth: BluetoothState | undefined }) {
  if (bluetooth === undefined || bluetooth.state !== 'unavailable' || bluetooth.problem === null) return null;
  return (
    <div class="notice notice-warning" role="note" data-bluetooth={bluetooth.problem}>
      <p>
        <strong>This hub cannot use Bluetooth</strong>
        {bluetooth.detail !== null ? `: ${bluetooth.detail}.` : '.'}
      </p>
      <p>{ADVICE[bluetooth.problem]}</p>
    </div>
  );
}
