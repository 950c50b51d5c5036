import type { PersonDeviceSummary, PersonOverview } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { formatMoment } from '../../../format/freshness.js';
import { deviceName } from '../../../format/device-name.js';
import { isChartable, sortMetrics } from '../../../format/metric-format.js';
import { latestValues } from '../../../state/latest-values.js';
import { personHref } from '../paths.js';
import { isLowBattery } from '../components/battery.js';
import { Vital } from '../components/vital.js';

/** Vitals a tile shows at most; the person's page has the rest. */
const TILE_VITALS = 6;

/** One person on the household page: their latest vitals, live, and their devices. */
export function PersonTile({ person }: { readonly person: PersonOverview }) {
  const values = latestValues.of(person.id).value;
  const metrics = sortMetrics([...values.keys()].filter(isChartable)).slice(0, TILE_VITALS);
  const headingId = `tile-${person.id}`;
  return (
    <article class="tile" aria-labelledby={headingId} data-person={person.id}>
      <h2 id={headingId}>
        <a href={personHref(person.id)}>{person.name}</a>
      </h2>
      <div class="vitals">
        {metrics.length === 0 ? (
          <p class="muted vitals-empty">No readings yet for {person.name}.</p>
        ) : (
          metrics.map((metric) => {
            const latest = values.get(metric);
            return latest !== undefined && <Vital key={metric} metric={metric} latest={latest} />;
          })
        )}
      </div>
      <DeviceLine devices={person.devices} />
    </article>
  );
}

function DeviceLine({ devices }: { readonly devices: readonly PersonDeviceSummary[] }) {
  if (devices.length === 0) return <p class="devices-line muted">No devices</p>;
  return (
    <ul class="devices-line" aria-label="Devices">
      {devices.map((device) => {
        const battery = device.battery ?? undefined;
        const low = isLowBattery(battery);
        return (
          <li key={device.id} class={low ? 'low-battery' : ''}>
            <span>{deviceName(device)}</span>
            {battery !== undefined && (
              <span class="battery" title={low ? 'Battery low: charge or replace soon' : 'Battery'}>
                <span class="battery-icon" aria-hidden="true" style={{ '--level': `${Math.max(0, Math.min(100, battery))}%` }} />
                {` ${Math.round(battery)}%`}
              </span>
            )}
            {device.lastReadingAt !== null && <Age ts={device.lastReadingAt} class="age muted" title={`Last reading ${formatMoment(device.lastReadingAt)}`} />}
          </li>
        );
      })}
    </ul>
  );
}
