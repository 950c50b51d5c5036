import { api } from '../api/client.js';
import type { FoundDevice, PairingState, PersonOverview } from '../api/types.js';
import { h, replaceChildren, statusLine } from '../dom.js';
import { deviceName } from '../format/device-name.js';
import { formatAge } from '../format/freshness.js';
import { errorText } from '../format/error-text.js';
import { signalStrength } from './signal-strength.js';

const PAIRING_SECONDS = 120;
const POLL_MS = 1000;

/**
 * The pairing window: the hub listens for new devices for two minutes and the list of what it
 * hears fills in live. Adding a device gives it a name and an owner in one step.
 */
export function pairingPanel(people: () => readonly PersonOverview[], onAdded: () => void): { element: HTMLElement; dispose: () => void } {
  const status = statusLine('');
  const start = h('button', { type: 'button', class: 'primary' }, 'Look for new devices');
  const stop = h('button', { type: 'button', hidden: true }, 'Stop looking');
  const list = h('ul', { class: 'found-list', 'aria-label': 'Devices found' });
  const added = new Set<string>();
  let timer = 0;
  let disposed = false;

  const render = (state: PairingState): void => {
    start.hidden = state.open;
    stop.hidden = !state.open;
    const found = (state.found ?? []).filter((d) => !added.has(d.deviceId));
    if (state.open) {
      const left = Math.max(0, Math.round(((state.until ?? Date.now()) - Date.now()) / 1000));
      status.textContent = `Looking for devices for ${left} s more. Wake the device up (step on the scale, start a measurement, put the strap on).`;
    } else if (status.textContent?.startsWith('Looking') === true) status.textContent = 'Stopped looking.';
    if (found.length === 0) {
      replaceChildren(list, state.open ? h('li', { class: 'muted' }, 'Nothing heard yet…') : null);
      return;
    }
    // Rows being filled in keep their inputs: only new devices are added, gone ones removed.
    const ids = new Set(found.map((d) => d.deviceId));
    for (const row of [...list.querySelectorAll<HTMLElement>('li')]) if (!ids.has(row.dataset['deviceId'] ?? '')) row.remove();
    for (const device of found) {
      const row = list.querySelector<HTMLElement>(`li[data-device-id="${CSS.escape(device.deviceId)}"]`);
      if (row !== null) replaceChildren(row.querySelector('.found-meta') as HTMLElement, ...foundMeta(device));
      else list.append(foundRow(device));
    }
  };

  const foundRow = (device: FoundDevice): HTMLElement => {
    const nameId = `found-name-${device.deviceId}`;
    const personId = `found-person-${device.deviceId}`;
    const name = h('input', { id: nameId, value: deviceName(device), required: true });
    const person = h('select', { id: personId }, h('option', { value: '' }, 'Shared / nobody yet'), ...people().map((p) => h('option', { value: p.id }, p.name)));
    const error = h('span', { class: 'form-error', role: 'alert' });
    const add = h('button', { type: 'submit', class: 'primary' }, 'Add');
    const form = h(
      'form',
      { class: 'found-form' },
      h('div', { class: 'field' }, h('label', { for: nameId }, 'Name'), name),
      h('div', { class: 'field' }, h('label', { for: personId }, 'Belongs to'), person),
      add,
      error,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      add.disabled = true;
      api
        .patch(`/devices/${encodeURIComponent(device.deviceId)}`, { name: name.value.trim() || deviceName(device), personId: person.value === '' ? null : person.value })
        .then(() => {
          added.add(device.deviceId);
          form.closest('li')?.remove();
          status.textContent = `${name.value.trim() || deviceName(device)} added.`;
          onAdded();
        })
        .catch((e: unknown) => {
          add.disabled = false;
          error.textContent = errorText(e);
        });
    });
    return h('li', { 'data-device-id': device.deviceId }, h('div', { class: 'found-meta' }, ...foundMeta(device)), form);
  };

  const poll = async (): Promise<void> => {
    try {
      const state = await api.get<PairingState>('/devices/pairing');
      if (disposed) return;
      render(state);
      if (state.open) timer = window.setTimeout(() => void poll(), POLL_MS);
    } catch (error) {
      status.textContent = errorText(error);
    }
  };

  start.addEventListener('click', () => {
    start.disabled = true;
    api
      .post<PairingState>('/devices/pairing', { seconds: PAIRING_SECONDS })
      .then((state) => {
        render({ found: [], ...state });
        window.clearTimeout(timer);
        void poll();
      })
      .catch((e: unknown) => (status.textContent = errorText(e)))
      .finally(() => (start.disabled = false));
  });
  stop.addEventListener('click', () => {
    window.clearTimeout(timer);
    api
      .delete('/devices/pairing')
      .then(() => render({ open: false, found: [] }))
      .catch((e: unknown) => (status.textContent = errorText(e)));
  });

  // A window opened from another phone shows here too.
  void poll();

  const element = h(
    'section',
    { class: 'card pairing', 'aria-labelledby': 'pairing-heading' },
    h('h2', { id: 'pairing-heading' }, 'Add a device'),
    h('div', { class: 'row' }, start, stop),
    status,
    list,
  );
  return {
    element,
    dispose() {
      disposed = true;
      window.clearTimeout(timer);
    },
  };
}

function foundMeta(device: FoundDevice): (HTMLElement | string)[] {
  return [h('strong', {}, deviceName(device)), h('span', { class: 'muted' }, ` ${device.driver ?? ''}`), signalStrength(device.rssi), h('span', { class: 'age muted', 'data-ts': device.ts }, formatAge(device.ts))];
}
