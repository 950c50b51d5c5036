import { useEffect } from 'preact/hooks';
import { api } from '../../../api/client.js';
import { live } from '../../../api/live-socket.js';
import type { Device } from '../../../api/types.js';
import { StatusLine } from '../../../components/status-line.js';
import { useRequest } from '../../../components/use-request.js';
import { errorText } from '../../../format/error-text.js';
import { loadPeople } from '../../../state/household.js';
import { DeviceCard } from './device-card.js';
import { PairingPanel } from './pairing-panel.js';

/** Live device news is gathered this long before the list is asked for again. */
const REFRESH_DELAY_MS = 500;

async function loadDevices() {
  const [devices, people] = await Promise.all([api.get<Device[]>('/devices'), loadPeople(0)]);
  return { devices, people };
}

/** The household's devices: who each belongs to, battery, signal, last seen; pairing new ones. */
export function DevicesPage() {
  const { value, failure, loading, reload } = useRequest(loadDevices);

  // A device that comes back or changes battery updates without a reload.
  useEffect(() => {
    let pending = 0;
    const unlisten = live.listen((message) => {
      if (message.type !== 'device') return;
      window.clearTimeout(pending);
      pending = window.setTimeout(() => void reload(), REFRESH_DELAY_MS);
    });
    return () => {
      unlisten();
      window.clearTimeout(pending);
    };
  }, [reload]);

  const people = value?.people ?? [];
  const status = failure !== undefined ? errorText(failure) : loading ? 'Loading devices…' : value?.devices.length === 0 ? 'No devices yet. Look for new devices below.' : '';
  return (
    <section class="page">
      <h1>Devices</h1>
      <PairingPanel people={people} onAdded={reload} />
      <h2>Your devices</h2>
      <StatusLine text={status} />
      <div class="device-list">
        {value?.devices.map((device) => (
          <DeviceCard key={device.id} device={device} people={people} refresh={reload} />
        ))}
      </div>
    </section>
  );
}
