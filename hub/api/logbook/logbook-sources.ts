import { METRICS } from '../../../core/metrics.js';
import type { Device } from '../../household/household-registry.js';
import type { NewestFirst, NewestFirstRequest } from '../../store/index.js';
import type { ApiDeps } from '../api-deps.js';
import type { LogbookEntry } from '../contract/logbook.js';
import { deviceKind } from '../device-kinds.js';

/**
 * One kind of thing a person's logbook lists, read newest first. The hub has no journal of its own
 * today; an app that keeps one adds a source like these.
 */
export type LogbookSource = (personId: string, request: NewestFirstRequest) => NewestFirst<LogbookEntry> | Promise<NewestFirst<LogbookEntry>>;

/**
 * Which readings a logbook shows, and how. Every reading of a metric that streams (heart rate once
 * a second) would bury everything else: those come as one line an hour, its mean and extremes. What
 * is measured now and then (a blood pressure, a weighing, a temperature) comes reading by reading,
 * with everything the device took at that moment: a cuff's pulse belongs to its blood pressure, so a
 * device that measures anything now and then has all it sends listed with its measurements.
 * Left out: beat-to-beat intervals, device batteries (the device's page has them), waveforms, and
 * what the models work out (Insights explains those in words).
 */
const shown = [...METRICS.values()].filter((m) => m.kind === 'scalar' && m.derived !== true && m.id !== 'battery' && m.id !== 'rr_interval');
export const STREAMING_METRICS: ReadonlySet<string> = new Set(shown.filter((m) => m.cadence === 'continuous').map((m) => m.id));
export const MEASURED_METRICS: ReadonlySet<string> = new Set(shown.filter((m) => m.cadence === 'occasional').map((m) => m.id));

/** The person's devices that measure something now and then (a cuff, a scale, a thermometer). */
function measuringDevices(deps: ApiDeps, personId: string): ReadonlySet<string> {
  return new Set(deps.store.query.seriesList().flatMap((s) => (s.personId === personId && MEASURED_METRICS.has(s.metric) ? [s.deviceId] : [])));
}

/** A device's id and what to call it, as entries carry it. */
function loggedDevice(device: Device | undefined, id: string): { id: string; name: string | null; kind: string | null } {
  return { id, name: device?.name ?? null, kind: deviceKind(device?.driver) };
}

/** The devices that belong to the person, alone or by a user slot. */
export function devicesOf(deps: ApiDeps, personId: string): Device[] {
  return deps.registry.listDevices().filter((d) => d.personId === personId || Object.values(d.userSlots).includes(personId));
}

/** Nothing older left out when fewer than asked for came back. */
function floorOf(items: readonly { ts: number }[], limit: number): number | null {
  const last = items[items.length - 1];
  return items.length >= limit && last !== undefined ? last.ts : null;
}

export function logbookSources(deps: ApiDeps): LogbookSource[] {
  const { store, registry } = deps;
  const measurements: LogbookSource = (personId, request) => {
    const measuring = measuringDevices(deps, personId);
    const chosen = (s: { metric: string; deviceId: string }): boolean => MEASURED_METRICS.has(s.metric) || (STREAMING_METRICS.has(s.metric) && measuring.has(s.deviceId));
    const { items, floor } = store.query.personMeasurements(personId, chosen, request);
    return {
      items: items.map((m): LogbookEntry => ({ kind: 'measurement', ts: m.ts, device: loggedDevice(registry.device(m.deviceId), m.deviceId), values: m.values })),
      floor,
    };
  };
  const hours: LogbookSource = (personId, request) => {
    const measuring = measuringDevices(deps, personId);
    const { items, floor } = store.query.personHours(personId, (s) => STREAMING_METRICS.has(s.metric) && !measuring.has(s.deviceId), request);
    return { items: items.map((h): LogbookEntry => ({ kind: 'hour', ...h })), floor };
  };
  const alerts: LogbookSource = async (personId, request) => {
    const view = deps.alerts.current();
    if (view === undefined) return { items: [], floor: null };
    const lines = await view.personLog(personId, request.before, request.limit);
    const items = lines.map((line): LogbookEntry => ({
      kind: 'alert',
      ts: line.ts,
      alertId: line.alertId,
      change: line.change,
      severity: line.severity === 'critical' || line.severity === 'warning' ? line.severity : 'info',
      title: line.title,
      ...(line.by !== undefined ? { by: line.by } : {}),
      ...(line.via !== undefined ? { via: line.via } : {}),
    }));
    return { items, floor: floorOf(items, request.limit) };
  };
  const deviceEvents: LogbookSource = (personId, request) => {
    const devices = new Map(devicesOf(deps, personId).map((d) => [d.id, d]));
    const { items, floor } = store.query.deviceEvents([...devices.keys()], request);
    return { items: items.map((e): LogbookEntry => ({ kind: 'device', ts: e.ts, device: loggedDevice(devices.get(e.deviceId), e.deviceId), event: e.kind })), floor };
  };
  return [measurements, hours, alerts, deviceEvents];
}
