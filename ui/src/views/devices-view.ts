import { api } from '../api/client.js';
import { live } from '../api/live-socket.js';
import type { Device, PersonOverview } from '../api/types.js';
import { h, replaceChildren, statusLine } from '../dom.js';
import { deviceName } from '../format/device-name.js';
import { formatAge } from '../format/freshness.js';
import { loadPeople, personName } from '../state/household.js';
import { errorText } from '../format/error-text.js';
import { pairingPanel } from './pairing-panel.js';
import { signalStrength } from './signal-strength.js';
import type { View } from './view.js';

const LOW_BATTERY = 20;

/** The household's devices: who each belongs to, battery, signal, last seen; pairing new ones. */
export function devicesView(): View {
  const status = statusLine('Loading devices…');
  const list = h('div', { class: 'device-list' });
  let people: readonly PersonOverview[] = [];
  const refresh = (): void => {
    Promise.all([api.get<Device[]>('/devices'), loadPeople(0)])
      .then(([devices, household]) => {
        people = household;
        status.textContent = devices.length === 0 ? 'No devices yet. Look for new devices below.' : '';
        replaceChildren(list, ...devices.map((d) => deviceCard(d, people, refresh)));
      })
      .catch((error: unknown) => (status.textContent = errorText(error)));
  };
  const pairing = pairingPanel(() => people, refresh);
  // A device that comes back or changes battery updates without a reload.
  let pending = 0;
  const unlisten = live.listen((message) => {
    if (message.type !== 'device') return;
    window.clearTimeout(pending);
    pending = window.setTimeout(refresh, 500);
  });
  refresh();
  const element = h('section', { class: 'page' }, h('h1', {}, 'Devices'), pairing.element, h('h2', {}, 'Your devices'), status, list);
  return {
    element,
    dispose() {
      unlisten();
      window.clearTimeout(pending);
      pairing.dispose();
    },
  };
}

function deviceCard(device: Device & { rssi?: number | null }, people: readonly PersonOverview[], refresh: () => void): HTMLElement {
  const label = deviceName(device);
  const id = `device-${device.id.replace(/[^a-z0-9-]/gi, '-')}`;
  const error = h('p', { class: 'form-error', role: 'alert' });
  const save = (patch: Record<string, unknown>): void => {
    error.textContent = '';
    api.patch(`/devices/${encodeURIComponent(device.id)}`, patch).then(refresh, (e: unknown) => (error.textContent = errorText(e)));
  };
  const name = h('input', { id: `${id}-name`, value: label });
  name.addEventListener('change', () => {
    if (name.value.trim() !== '' && name.value.trim() !== label) save({ name: name.value.trim() });
  });
  const shared = device.userSlots !== null && device.userSlots !== undefined && Object.keys(device.userSlots).length > 0;
  const owner = h(
    'select',
    { id: `${id}-person` },
    h('option', { value: '' }, shared ? 'Shared (by user slot)' : 'Nobody'),
    ...people.map((p) => h('option', { value: p.id, selected: p.id === device.personId }, p.name)),
  );
  owner.addEventListener('change', () => save({ personId: owner.value === '' ? null : owner.value }));
  const forget = h('button', { type: 'button', class: 'danger small' }, 'Forget');
  forget.addEventListener('click', () => {
    if (!window.confirm(`Forget ${label}? Its readings stay; it will need pairing again.`)) return;
    api.delete(`/devices/${encodeURIComponent(device.id)}`).then(refresh, (e: unknown) => (error.textContent = errorText(e)));
  });
  const battery = device.battery ?? undefined;
  const slots = shared ? Object.entries(device.userSlots ?? {}).map(([slot, person]) => `${slot}: ${personName(people, person)}`).join(', ') : '';
  return h(
    'article',
    { class: 'card device', 'data-device-id': device.id, 'aria-label': label },
    h('div', { class: 'field' }, h('label', { for: `${id}-name` }, 'Name'), name),
    h('div', { class: 'field' }, h('label', { for: `${id}-person` }, 'Belongs to'), owner),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Type'),
      h('dd', {}, device.driver ?? 'unknown'),
      h('dt', {}, 'Battery'),
      h('dd', { class: battery !== undefined && battery < LOW_BATTERY ? 'low-battery' : '' }, battery !== undefined ? `${Math.round(battery)}%${battery < LOW_BATTERY ? ' — charge soon' : ''}` : '—'),
      h('dt', {}, 'Signal'),
      h('dd', {}, signalStrength(device.rssi)),
      h('dt', {}, 'Last seen'),
      h('dd', {}, device.lastSeen !== null && device.lastSeen !== undefined ? h('span', { 'data-ts': device.lastSeen }, formatAge(device.lastSeen)) : 'never'),
      slots !== '' ? h('dt', {}, 'User slots') : null,
      slots !== '' ? h('dd', {}, slots) : null,
    ),
    error,
    forget,
  );
}
