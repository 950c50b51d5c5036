import { ApiError, api } from './api/client.js';
import { live } from './api/live-socket.js';
import type { Alert } from './api/types.js';

export type AlertsAvailability = 'loading' | 'ready' | 'unavailable';

type Listener = () => void;

/**
 * The open alerts, kept current from the live stream, shared by the banner on every page, the
 * navigation badge and the alerts page. The hub answers 503 alerts_unavailable when its alerts
 * engine is off; that is a state to show, not an error.
 */
class AlertsStore {
  private readonly open = new Map<string, Alert>();
  private readonly listeners = new Set<Listener>();
  availability: AlertsAvailability = 'loading';
  private unlisten: (() => void) | undefined;

  start(): void {
    this.unlisten ??= live.listen((message) => {
      if (message.type === 'alert') this.upsert(message.alert);
    });
    this.refresh().catch(() => undefined);
  }

  stop(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.open.clear();
  }

  async refresh(): Promise<void> {
    try {
      const alerts = await api.get<Alert[]>('/alerts', { state: 'open' });
      this.open.clear();
      for (const alert of alerts) if (isOpen(alert)) this.open.set(alert.id, alert);
      this.availability = 'ready';
    } catch (error) {
      if (error instanceof ApiError && (error.status === 503 || error.status === 404)) this.availability = 'unavailable';
      else throw error;
    } finally {
      this.emit();
    }
  }

  /** Open alerts, the most severe and then the newest first. */
  list(): Alert[] {
    const rank = { critical: 0, warning: 1, info: 2 } as const;
    return [...this.open.values()].sort((a, b) => rank[a.severity] - rank[b.severity] || b.raisedAt - a.raisedAt);
  }

  /** Open alerts nobody has acknowledged yet: the ones that must not be missed. */
  unacknowledged(): Alert[] {
    return this.list().filter((a) => a.state === 'raised' || a.state === 'notified');
  }

  async acknowledge(id: string): Promise<void> {
    const answer = await api.post<Alert | { alert?: Alert } | undefined>(`/alerts/${encodeURIComponent(id)}/ack`);
    const alert = answer !== undefined && 'id' in answer ? answer : answer?.alert;
    const known = this.open.get(id);
    if (alert !== undefined) this.upsert(alert);
    else if (known !== undefined) this.upsert({ ...known, state: 'acknowledged' });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private upsert(alert: Alert): void {
    if (isOpen(alert)) this.open.set(alert.id, alert);
    else this.open.delete(alert.id);
    this.availability = 'ready';
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function isOpen(alert: Alert): boolean {
  return alert.state !== 'resolved';
}

export const alertsStore = new AlertsStore();
