import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../../api/client.js';
import type { BluetoothState, FoundDevice, PairingState, PersonOverview } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { StatusLine } from '../../../components/status-line.js';
import { deviceName } from '../../../format/device-name.js';
import { errorText } from '../../../format/error-text.js';
import { SignalStrength } from './signal-strength.js';
import { PersonOptions } from '../../../components/person-options.js';
import { BluetoothNotice } from './bluetooth-notice.js';

const PAIRING_SECONDS = 120;
const POLL_MS = 1000;

interface PairingPanelProps {
  readonly people: readonly PersonOverview[];
  /** Shows the devices again; resolves once the new device is in the list. */
  readonly onAdded: () => Promise<void>;
}

/**
 * The pairing window: the hub listens for new devices for two minutes and the list of what it
 * hears fills in live. Adding a device gives it a name and an owner in one step.
 */
export function PairingPanel({ people, onAdded }: PairingPanelProps) {
  const [pairing, setPairing] = useState<PairingState>({ open: false });
  const [status, setStatus] = useState('');
  // Apart from the window's countdown, which changes each second: "Hall scale added." stays.
  const [outcome, setOutcome] = useState('');
  const [starting, setStarting] = useState(false);
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const timer = useRef(0);
  const mounted = useRef(true);

  // What the radio said last: the window's own answers (opening, closing) do not repeat it.
  const bluetooth = useRef<BluetoothState | undefined>(undefined);
  const show = (state: PairingState): void => {
    if (state.bluetooth !== undefined) bluetooth.current = state.bluetooth;
    setPairing(state);
    if (state.open) {
      const left = Math.max(0, Math.round(((state.until ?? Date.now()) - Date.now()) / 1000));
      setStatus(
        bluetooth.current?.state === 'unavailable'
          ? `Listening for ${left} s more for devices a Bluetooth gateway relays. This hub’s own Bluetooth is not working (see above), so it hears nothing itself.`
          : `Looking for devices for ${left} s more. Wake the device up (step on the scale, start a measurement, put the strap on).`,
      );
    } else setStatus((text) => (text.startsWith('Looking') || text.startsWith('Listening') ? 'Stopped looking.' : text));
  };

  const poll = async (): Promise<void> => {
    try {
      const state = await api.get<PairingState>('/devices/pairing');
      if (!mounted.current) return;
      show(state);
      if (state.open) timer.current = window.setTimeout(() => void poll(), POLL_MS);
    } catch (error) {
      if (mounted.current) setStatus(errorText(error));
    }
  };

  // A window opened from another phone shows here too.
  useEffect(() => {
    mounted.current = true;
    void poll();
    return () => {
      mounted.current = false;
      window.clearTimeout(timer.current);
    };
  }, []);

  const start = (): void => {
    setStarting(true);
    api
      .post<PairingState>('/devices/pairing', { seconds: PAIRING_SECONDS })
      .then((state) => {
        show({ found: [], ...state });
        window.clearTimeout(timer.current);
        void poll();
      })
      .catch((e: unknown) => setStatus(errorText(e)))
      .finally(() => setStarting(false));
  };
  const stop = (): void => {
    window.clearTimeout(timer.current);
    api
      .delete('/devices/pairing')
      .then(() => show({ open: false, found: [] }))
      .catch((e: unknown) => setStatus(errorText(e)));
  };
  const add = async (device: FoundDevice, name: string, personId: string): Promise<void> => {
    await api.patch(`/devices/${encodeURIComponent(device.deviceId)}`, { name, personId: personId === '' ? null : personId });
    setAdded((known) => new Set(known).add(device.deviceId));
    await onAdded();
    setOutcome(`${name} added.`);
  };

  const found = (pairing.found ?? []).filter((d) => !added.has(d.deviceId));
  return (
    <section class="card pairing" aria-labelledby="pairing-heading">
      <h2 id="pairing-heading">Add a device</h2>
      <BluetoothNotice bluetooth={pairing.bluetooth ?? bluetooth.current} />
      <div class="row">
        <button type="button" class="primary" hidden={pairing.open} disabled={starting} onClick={start}>
          Look for new devices
        </button>
        <button type="button" hidden={!pairing.open} onClick={stop}>
          Stop looking
        </button>
      </div>
      <StatusLine text={status} />
      <StatusLine text={outcome} />
      <ul class="found-list" aria-label="Devices found">
        {found.length === 0 && pairing.open && <li class="muted">Nothing heard yet…</li>}
        {found.map((device) => (
          <FoundRow key={device.deviceId} device={device} people={people} add={add} />
        ))}
      </ul>
    </section>
  );
}

interface FoundRowProps {
  readonly device: FoundDevice;
  readonly people: readonly PersonOverview[];
  readonly add: (device: FoundDevice, name: string, personId: string) => Promise<void>;
}

/** A device heard while the window is open; what is typed into it survives the next poll. */
function FoundRow({ device, people, add }: FoundRowProps) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState('');
  const nameId = `found-name-${device.deviceId}`;
  const personId = `found-person-${device.deviceId}`;
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const name = (form.elements.namedItem('name') as HTMLInputElement).value.trim() || deviceName(device);
    const person = (form.elements.namedItem('personId') as HTMLSelectElement).value;
    setSending(true);
    setError('');
    add(device, name, person).catch((e: unknown) => {
      setSending(false);
      setError(errorText(e));
    });
  };
  return (
    <li data-device-id={device.deviceId}>
      <div class="found-meta">
        <strong>{deviceName(device)}</strong>
        {device.name !== null && device.kind !== null && <span class="muted">{` ${device.kind}`}</span>}
        <SignalStrength rssi={device.rssi} />
        <Age ts={device.ts} class="age muted" />
      </div>
      <form class="found-form" onSubmit={submit}>
        <div class="field">
          <label for={nameId}>Name</label>
          <input id={nameId} name="name" defaultValue={deviceName(device)} required />
        </div>
        <div class="field">
          <label for={personId}>Belongs to</label>
          <select id={personId} name="personId">
            <PersonOptions none={'Shared / nobody yet'} people={people} />
          </select>
        </div>
        <button type="submit" class="primary" disabled={sending}>
          Add
        </button>
        <span class="form-error" role="alert">
          {error}
        </span>
      </form>
    </li>
  );
}
