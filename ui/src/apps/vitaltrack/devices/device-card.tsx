import { useState } from 'preact/hooks';
import { api } from '../../../api/client.js';
import type { Device, PersonOverview } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { deviceName } from '../../../format/device-name.js';
import { errorText } from '../../../format/error-text.js';
import { personName } from '../../../state/household.js';
import { isLowBattery } from '../components/battery.js';
import { deviceHref } from '../paths.js';
import { SignalStrength } from './signal-strength.js';
import { PersonOptions } from '../../../components/person-options.js';

interface DeviceCardProps {
  readonly device: Device & { readonly rssi?: number | null };
  readonly people: readonly PersonOverview[];
  /** Asks for the devices again after a change. */
  readonly refresh: () => Promise<void>;
}

/** One device: its name and owner to change, what it is, battery, signal, its last reading; forgetting it. */
export function DeviceCard({ device, people, refresh }: DeviceCardProps) {
  const [error, setError] = useState('');
  const label = deviceName(device);
  const id = `device-${device.id.replace(/[^a-z0-9-]/gi, '-')}`;
  const fail = (e: unknown): void => setError(errorText(e));
  const save = (patch: Record<string, unknown>): void => {
    setError('');
    api.patch(`/devices/${encodeURIComponent(device.id)}`, patch).then(refresh, fail);
  };
  const rename = (event: Event): void => {
    const name = (event.currentTarget as HTMLInputElement).value.trim();
    if (name !== '' && name !== label) save({ name });
  };
  const forget = (): void => {
    if (!window.confirm(`Forget ${label}? Its readings stay; it will need pairing again.`)) return;
    api.delete(`/devices/${encodeURIComponent(device.id)}`).then(refresh, fail);
  };
  const slots = Object.entries(device.userSlots ?? {});
  const battery = device.battery ?? undefined;
  return (
    <article class="card device" data-device-id={device.id} aria-label={label}>
      <div class="field">
        <label for={`${id}-name`}>Name</label>
        {/* Keyed by the stored name: what the hub has replaces a draft only when it changes. */}
        <input key={label} id={`${id}-name`} defaultValue={label} onChange={rename} />
      </div>
      <div class="field">
        <label for={`${id}-person`}>Belongs to</label>
        <select id={`${id}-person`} value={device.personId ?? ''} onChange={(event) => save({ personId: event.currentTarget.value === '' ? null : event.currentTarget.value })}>
          <PersonOptions none={slots.length > 0 ? 'Shared (by user slot)' : 'Nobody'} people={people} />
        </select>
      </div>
      <dl class="facts">
        <dt>What it is</dt>
        <dd>{deviceName({ kind: device.kind, driver: device.driver })}</dd>
        <dt>Battery</dt>
        <dd class={isLowBattery(battery) ? 'low-battery' : ''}>{battery !== undefined ? `${Math.round(battery)}%${isLowBattery(battery) ? ' — charge soon' : ''}` : '—'}</dd>
        <dt>Signal</dt>
        <dd>
          <SignalStrength rssi={device.rssi} />
        </dd>
        <dt>Last reading</dt>
        <dd class="last-reading">{device.lastReadingAt !== null ? <Age ts={device.lastReadingAt} /> : 'none yet'}</dd>
        {slots.length > 0 && (
          <>
            <dt>User slots</dt>
            <dd>{slots.map(([slot, person]) => `${slot}: ${personName(people, person)}`).join(', ')}</dd>
          </>
        )}
      </dl>
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="device-actions">
        <a href={deviceHref(device.id)}>
          Details and history<span class="visually-hidden">{` of ${label}`}</span>
        </a>
        <button type="button" class="danger small" onClick={forget}>
          Forget
        </button>
      </div>
    </article>
  );
}
