import { batch, computed, signal } from '@preact/signals';
import { ApiError, api, type ApiClient } from '../api/client.js';
import { live, type LiveSocket } from '../api/live-socket.js';
import type { Alert } from '../api/types.js';

export type AlertsAvailability = 'loading' | 'ready' | 'unavailable';

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/**
 * The open alerts, kept current from the live stream, shared by the banner on every page, the
 * navigation badge and the alerts page. The hub answers 503 alerts_unavailable when its alerts
 * engine is off; that is a state to show, not an error.
 */
export class AlertsState {
  private readonly open = signal<ReadonlyMap<string, Alert>>(new Map());
  readonly availability = signal<AlertsAvailability>('loading');
  /** Open alerts, the most severe and then the newest first. */
  readonly list = computed(() => [...this.open.value.values()].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.raisedAt - a.raisedAt));
  /** Open alerts nobody has acknowledged yet: the ones that must not be missed. */
  readonly unacknowledged = computed(() => this.list.value.filter((a) => a.state === 'raised' || a.state === 'notified'));
  private unlisten: (() => void) | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly socket: LiveSocket,
  ) {}

  start(): void {
    this.unlisten ??= this.socket.listen((message) => {
      if (message.type === 'alert') this.upsert(message.alert);
    });
    this.refresh().catch(() => undefined);
  }

  stop(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.open.value = new Map();
  }

  async refresh(): Promise<void> {
    try {
      const alerts = await this.client.get<Alert[]>('/alerts', { state: 'open' });
      batch(() => {
        this.open.value = new Map(alerts.filter(isOpen).map((alert) => [alert.id, alert]));
        this.availability.value = 'ready';
      });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 503 || error.status === 404)) this.availability.value = 'unavailable';
      else throw error;
    }
  }

  async acknowledge(id: string): Promise<void> {
    const answer = await this.client.post<Alert | { alert?: Alert } | undefined>(`/alerts/${encodeURIComponent(id)}/ack`);
    const alert = answer !== undefined && 'id' in answer ? answer : answer?.alert;
    const known = this.open.value.get(id);
    if (alert !== undefined) this.upsert(alert);
    else if (known !== undefined) this.upsert({ ...known, state: 'acknowledged' });
  }

  /** A live message carries no deliveries (they come after it): what was known of them stays until the next refresh. */
  private upsert(alert: Alert): void {
    const next = new Map(this.open.value);
    const known = next.get(alert.id);
    if (isOpen(alert)) next.set(alert.id, alert.deliveries === undefined && known?.deliveries !== undefined ? { ...alert, deliveries: known.deliveries } : alert);
    else next.delete(alert.id);
    batch(() => {
      this.open.value = next;
      this.availability.value = 'ready';
    });
  }
}

function isOpen(alert: Alert): boolean {
  return alert.state !== 'resolved';
}

export const alerts = new AlertsState(api, live);
