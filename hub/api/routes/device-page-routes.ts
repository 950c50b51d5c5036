import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canManageDevice, canReadPerson, canReadReading, canSeeDevice } from '../../accounts/access.js';
import type { Principal } from '../../accounts/principal.js';
import { isHubDeviceId } from '../../../core/device-id.js';
import { METRIC_IDS, metricDefinition, type MetricId } from '../../../core/metrics.js';
import type { Device } from '../../household/household-registry.js';
import { principalOf } from '../../http/request-auth.js';
import type { ApiDeps } from '../api-deps.js';
import type { DeviceDetail, DeviceEventsPage, DeviceReading } from '../contract/device-page.js';
import { PageQuery } from '../contract/pages.js';
import { IdParams } from '../contract/primitives.js';
import type { SeriesAnswer } from '../contract/series.js';
import { deviceNotFound } from '../device-actions.js';
import { mergeNewestFirst } from '../logbook/newest-first.js';

/** How far back a device's page charts its battery, at about this many points. */
const BATTERY_DAYS = 30;
const BATTERY_POINTS = 120;
const DAY_MS = 86_400_000;

/** A device the asker may see; the models' own and hidden ones answer like a missing one. */
function visibleDevice(deps: ApiDeps, principal: Principal, id: string): Device {
  const device = deps.registry.device(id);
  if (device === undefined || isHubDeviceId(device.id) || !canSeeDevice(principal, device)) throw deviceNotFound();
  return device;
}

/** The metrics kept from the device, in catalogue order. */
function measuredBy(deps: ApiDeps, deviceId: string): MetricId[] {
  const kept = new Set(deps.store.query.seriesList().filter((s) => s.deviceId === deviceId).map((s) => s.metric));
  return METRIC_IDS.filter((m) => kept.has(m));
}

/**
 * The device's newest measurement the asker may read: a shared device (a cuff with user slots) or
 * one that changed hands keeps each person's readings theirs, so only the people the asker reaches count.
 */
function lastReading(deps: ApiDeps, principal: Principal, deviceId: string, measures: readonly MetricId[]): DeviceReading | null {
  const newestOf = (metrics: readonly MetricId[]): DeviceReading | null => {
    let newest: DeviceReading | null = null;
    for (const metric of metrics) {
      for (const found of deps.store.query.latestDeviceValuesByPerson(deviceId, metric)) {
        if (!canReadReading(principal, found.personId === '' ? {} : { personId: found.personId })) continue;
        if (newest === null || found.ts > newest.ts) newest = { metric, value: found.value, unit: metricDefinition(metric).unit, ts: found.ts };
      }
    }
    return newest;
  };
  return newestOf(measures.filter((m) => m !== 'battery')) ?? newestOf(measures.filter((m) => m === 'battery'));
}

function batteryHistory(deps: ApiDeps, deviceId: string): SeriesAnswer {
  const now = deps.clock.now();
  const chart = deps.store.query.querySeries({ metric: 'battery', deviceId, from: now - BATTERY_DAYS * DAY_MS, to: now + 1, maxPoints: BATTERY_POINTS });
  return { metric: 'battery', unit: metricDefinition('battery').unit, ...chart };
}

export function registerDevicePageRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { household, store } = deps;

  app.get('/api/v1/devices/:id', { schema: { params: IdParams } }, async (request): Promise<DeviceDetail> => {
    const principal = principalOf(request);
    const device = visibleDevice(deps, principal, request.params.id);
    const measures = measuredBy(deps, device.id);
    // Whose it is, only to someone who may read that person: a slot on a shared scale names no owner.
    const owner = device.personId === undefined || !canReadPerson(principal, device.personId) ? undefined : household.person(device.personId);
    const newestEvent = store.query.deviceEvents([device.id], { before: Number.MAX_SAFE_INTEGER, limit: 1 }).items[0];
    const signal = deps.signals.current()?.signal(device.id);
    return {
      ...household.deviceSummary(device),
      owner: owner === undefined ? null : { id: owner.id, name: owner.name },
      measures,
      lastReading: lastReading(deps, principal, device.id, measures),
      batteryHistory: measures.includes('battery') ? batteryHistory(deps, device.id) : null,
      signal: signal === undefined ? null : { rssi: signal.rssi, ts: signal.ts },
      connection: newestEvent === undefined ? null : { ts: newestEvent.ts, kind: newestEvent.kind },
      canManage: canManageDevice(principal, device),
    };
  });

  app.get('/api/v1/devices/:id/events', { schema: { params: IdParams, querystring: PageQuery } }, async (request): Promise<DeviceEventsPage> => {
    const device = visibleDevice(deps, principalOf(request), request.params.id);
    const { limit } = request.query;
    const read = store.query.deviceEvents([device.id], { before: request.query.before ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 });
    const { entries, next } = mergeNewestFirst([read], limit);
    return { events: entries.map((e) => ({ ts: e.ts, kind: e.kind })), next };
  });
}
