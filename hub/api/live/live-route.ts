import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { canReadReading, canSeeDevice, canReadPerson, canReadUnassigned } from '../../accounts/access.js';
import type { Principal } from '../../accounts/principal.js';
import type { AlertChangedEvent } from '../../bus/hub-events.js';
import type { ApiDeps } from '../api-deps.js';
import type { StreamCredentials } from '../stream-credentials.js';
import { LiveConnection, type LiveAuth, type LiveLimits } from './live-connection.js';

/** A cookie sent by a page of another origin must not open a socket (cross-site WebSocket hijacking). */
export function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * `WS /api/v1/live`: fans bus events out to the dashboard's sockets, each filtered by its
 * subscription and by what its user may see.
 */
export class LiveFanout {
  private readonly connections = new Set<LiveConnection>();

  constructor(
    private readonly deps: ApiDeps,
    private readonly limits: LiveLimits,
    private readonly owner: string,
    private readonly credentials: StreamCredentials,
  ) {}

  get size(): number {
    return this.connections.size;
  }

  register(app: FastifyInstance): void {
    const auth: LiveAuth = {
      byToken: (token) => this.deps.accounts.byToken(token),
      credentials: this.credentials,
      everyone: () => this.deps.registry.listPeople().map((p) => p.id),
      latest: (personId) => this.deps.store.query.latest(personId),
    };
    app.get('/api/v1/live', { websocket: true }, (socket: WebSocket, request: FastifyRequest) => {
      const cookiePrincipal = request.session !== null && sameOrigin(request) ? request.principal : null;
      const bearer = request.session === null ? request.principal : null;
      const connection = new LiveConnection(socket, auth, this.limits, cookiePrincipal !== null ? request.sessionId : null, cookiePrincipal ?? bearer, (c) =>
        this.connections.delete(c),
      );
      this.connections.add(connection);
    });
  }

  start(): void {
    const { bus, registry } = this.deps;
    bus.on('reading.accepted', this.owner, (reading) => {
      if (this.connections.size === 0) return;
      const target = { personId: reading.personId, metric: reading.metric };
      for (const c of this.connections) c.offer('reading', { reading }, target, (p) => canReadReading(p, reading));
    });
    const deviceVisible = (deviceId: string) => (p: Principal) => {
      const device = registry.device(deviceId);
      return device !== undefined && canSeeDevice(p, device);
    };
    bus.on('device.availability', this.owner, (event) => {
      for (const c of this.connections) c.offer('device', { event: 'availability', ...event, device: { id: event.deviceId, available: event.available, lastSeen: event.ts } }, { personId: registry.device(event.deviceId)?.personId }, deviceVisible(event.deviceId));
    });
    bus.on('device.connection', this.owner, (event) => {
      for (const c of this.connections) c.offer('device', { event: 'connection', ...event, device: { id: event.deviceId, connected: event.connected } }, { personId: registry.device(event.deviceId)?.personId }, deviceVisible(event.deviceId));
    });
    bus.on('device.status', this.owner, (event) => {
      for (const c of this.connections) c.offer('device', { event: 'status', ...event, device: { id: event.deviceId, status: event.code } }, { personId: registry.device(event.deviceId)?.personId }, deviceVisible(event.deviceId));
    });
    bus.on('alert.changed', this.owner, (event) => this.fanAlert(event));
  }

  /** Every change of an alert the engine keeps, held or not, as its record plus what changed. */
  private fanAlert(event: AlertChangedEvent): void {
    if (event.record === undefined || this.connections.size === 0) return;
    const { personId } = event;
    const alert = { ...event.record, change: event.change };
    const visible = (p: Principal): boolean => (personId === undefined ? canReadUnassigned(p) : canReadPerson(p, personId));
    for (const c of this.connections) c.offer('alert', { alert }, { personId }, visible);
  }
}
