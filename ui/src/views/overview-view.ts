import { live } from '../api/live-socket.js';
import type { LatestValue, PersonDeviceSummary, PersonOverview } from '../api/types.js';
import { h, replaceChildren, statusLine } from '../dom.js';
import { deviceName } from '../format/device-name.js';
import { formatAge } from '../format/freshness.js';
import { isChartable, sortMetrics } from '../format/metric-format.js';
import { loadPeople } from '../state/household.js';
import { personHref } from '../router.js';
import { errorText } from '../format/error-text.js';
import { fillVital, vitalValue } from './vital-value.js';
import type { View } from './view.js';

/** Vitals a tile shows at most; the person's page has the rest. */
const TILE_VITALS = 6;
const LOW_BATTERY = 20;

/** The household at a glance: a tile per person with their latest vitals, live. */
export function overviewView(): View {
  const status = statusLine('Loading the household…');
  const grid = h('div', { class: 'tiles' });
  const element = h('section', { class: 'page' }, h('h1', {}, 'Household'), status, grid);
  const tiles = new Map<string, PersonTile>();

  const unlisten = live.listen((message) => {
    if (message.type !== 'reading') return;
    const { reading } = message;
    if (reading.personId === null || reading.personId === undefined) return;
    const tile = tiles.get(reading.personId);
    if (tile === undefined || !isChartable(reading.metric)) return;
    tile.update(reading.metric, { value: reading.value, unit: reading.unit, ts: reading.ts });
    markFirstLiveReading();
  });

  // Fresh enough when the page has just asked for it while checking the session.
  loadPeople(5_000)
    .then((people) => {
      status.textContent = people.length === 0 ? 'No one is set up yet. Add people in Settings, then pair their devices.' : '';
      for (const person of people) {
        const tile = new PersonTile(person);
        tiles.set(person.id, tile);
        grid.append(tile.element);
      }
      if (performance.getEntriesByName('hearth:first-tile').length === 0) performance.mark('hearth:first-tile');
    })
    .catch((error: unknown) => (status.textContent = errorText(error)));

  return { element, dispose: unlisten };
}

/** Marks the moment the first live reading reached the screen (read by bench/ui-first-reading). */
function markFirstLiveReading(): void {
  if (performance.getEntriesByName('hearth:first-live-reading').length === 0) performance.mark('hearth:first-live-reading');
}

class PersonTile {
  readonly element: HTMLElement;
  private readonly vitals = h('div', { class: 'vitals' });
  private readonly latest = new Map<string, LatestValue>();
  private readonly shown = new Map<string, HTMLElement>();

  constructor(private readonly person: PersonOverview) {
    for (const [metric, value] of Object.entries(person.latest)) if (isChartable(metric)) this.latest.set(metric, value);
    const headingId = `tile-${person.id}`;
    this.element = h(
      'article',
      { class: 'tile', 'aria-labelledby': headingId, 'data-person': person.id },
      h('h2', { id: headingId }, h('a', { href: personHref(person.id) }, person.name)),
      this.vitals,
      deviceList(person.devices),
    );
    this.render();
  }

  update(metric: string, value: LatestValue): void {
    const known = this.latest.get(metric);
    if (known !== undefined && known.ts > value.ts) return;
    this.latest.set(metric, value);
    const element = this.shown.get(metric);
    if (element !== undefined) fillVital(element, metric, value);
    else this.render();
  }

  private render(): void {
    this.shown.clear();
    const metrics = sortMetrics(this.latest.keys()).slice(0, TILE_VITALS);
    if (metrics.length === 0) {
      replaceChildren(this.vitals, h('p', { class: 'muted vitals-empty' }, `No readings yet for ${this.person.name}.`));
      return;
    }
    replaceChildren(
      this.vitals,
      ...metrics.map((metric) => {
        const element = vitalValue(metric, this.latest.get(metric) as LatestValue);
        this.shown.set(metric, element);
        return element;
      }),
    );
  }
}

function deviceList(devices: readonly PersonDeviceSummary[]): HTMLElement {
  if (devices.length === 0) return h('p', { class: 'devices-line muted' }, 'No devices');
  return h(
    'ul',
    { class: 'devices-line', 'aria-label': 'Devices' },
    ...devices.map((device) => {
      const battery = device.battery ?? undefined;
      const low = battery !== undefined && battery < LOW_BATTERY;
      return h(
        'li',
        { class: low ? 'low-battery' : '' },
        h('span', {}, deviceName(device)),
        battery !== undefined ? h('span', { class: 'battery', title: low ? 'Battery low: charge or replace soon' : 'Battery' }, batteryIcon(battery), ` ${Math.round(battery)}%`) : null,
        device.lastSeen !== null && device.lastSeen !== undefined ? h('span', { class: 'age muted', 'data-ts': device.lastSeen }, formatAge(device.lastSeen)) : null,
      );
    }),
  );
}

function batteryIcon(percent: number): HTMLElement {
  const level = Math.max(0, Math.min(100, percent));
  return h('span', { class: 'battery-icon', 'aria-hidden': 'true', style: `--level:${level}%` });
}
