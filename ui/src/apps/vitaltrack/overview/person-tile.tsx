import type { Alert, PersonDeviceSummary, PersonOverview } from '../../../api/types.js';
import { Age } from '../../../components/age.js';
import { formatMoment } from '../../../format/freshness.js';
import { deviceName } from '../../../format/device-name.js';
import { vitalGroups } from '../../../format/vital-groups.js';
import { latestValues } from '../../../state/latest-values.js';
import { href, type TileBadge } from '../../dashboard-app.js';
import { ALERTS_PATH, personHref } from '../paths.js';
import { isLowBattery } from '../components/battery.js';
import { GroupVital, type VitalContext } from '../components/vital.js';

/** Vitals a tile shows at most; the person's page has the rest. */
const TILE_VITALS = 6;

interface PersonTileProps {
  readonly person: PersonOverview;
  /** The person's open alerts, the most severe first. */
  readonly alerts: readonly Alert[];
  /** The other apps' part of the tile (none offline: they would have nothing to show). */
  readonly badges?: readonly TileBadge[];
}

/** One person on the household page: their open alerts, their latest vitals (live, flagged outside their normal range), and their devices. */
export function PersonTile({ person, alerts, badges = [] }: PersonTileProps) {
  const values = latestValues.of(person.id).value;
  const groups = vitalGroups(values.keys()).slice(0, TILE_VITALS);
  // An answer kept offline by an older dashboard has no ranges.
  const kept: Partial<Pick<PersonOverview, 'ranges'>> = person;
  const context: VitalContext = { personName: person.name, ranges: kept.ranges ?? {} };
  const headingId = `tile-${person.id}`;
  return (
    <article class={alerts.length > 0 ? 'tile has-alerts' : 'tile'} aria-labelledby={headingId} data-person={person.id} data-open-alerts={alerts.length}>
      <div class="tile-head">
        <h2 id={headingId}>
          <a href={personHref(person.id)}>{person.name}</a>
        </h2>
        {badges.map((Badge, i) => (
          <Badge key={i} personId={person.id} name={person.name} />
        ))}
      </div>
      {alerts.length > 0 && <OpenAlerts alerts={alerts} />}
      <div class="vitals">
        {groups.length === 0 ? (
          <p class="muted vitals-empty">No readings yet for {person.name}.</p>
        ) : (
          groups.map((group) => <GroupVital key={group.id} group={group} values={values} context={context} />)
        )}
      </div>
      <DeviceLine devices={person.devices} />
    </article>
  );
}

/** "⚠ 2 open alerts: Low oxygen, and 1 more": what to look at first, with the way to the alerts. */
function OpenAlerts({ alerts }: { readonly alerts: readonly Alert[] }) {
  const [first] = alerts;
  if (first === undefined) return null;
  const more = alerts.length - 1;
  return (
    <p class={`tile-alerts severity-${first.severity}`}>
      <span class="flag-icon" aria-hidden="true">
        ⚠
      </span>{' '}
      <a href={href(ALERTS_PATH)}>{alerts.length === 1 ? '1 open alert' : `${alerts.length} open alerts`}</a>
      {`: ${first.title}${more > 0 ? `, and ${more} more` : ''}`}
    </p>
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
