/**
 * A typed publish/subscribe bus: an event name maps to exactly one payload type. Every listener is
 * registered with an owner, so that stopping a part removes all of its listeners in one call.
 */
export type Listener<P> = (payload: P) => void;

interface Registration {
  readonly owner: string;
  readonly listener: Listener<never>;
}

export interface BusErrorReporter {
  (event: string, owner: string, error: unknown): void;
}

export class EventBus<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Registration[]>();

  constructor(private readonly onListenerError: BusErrorReporter = () => undefined) {}

  /** Subscribes `listener` to `event` on behalf of `owner`; returns the unsubscribe function. */
  on<E extends keyof Events>(event: E, owner: string, listener: Listener<Events[E]>): () => void {
    const registration: Registration = { owner, listener: listener };
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(event, [...list, registration]);
    return () => {
      const current = this.listeners.get(event) ?? [];
      this.listeners.set(
        event,
        current.filter((r) => r !== registration),
      );
    };
  }

  /**
   * Delivers synchronously, in registration order. A listener that throws is reported and the others
   * still run: one broken consumer must not stop readings from reaching the rest.
   */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    const list = this.listeners.get(event);
    if (list === undefined) return;
    for (const registration of list) {
      try {
        (registration.listener as Listener<Events[E]>)(payload);
      } catch (error) {
        this.onListenerError(String(event), registration.owner, error);
      }
    }
  }

  /** Removes every listener `owner` registered, on every event. */
  removeOwner(owner: string): void {
    for (const [event, list] of this.listeners) {
      this.listeners.set(
        event,
        list.filter((r) => r.owner !== owner),
      );
    }
  }

  listenerCount(event?: keyof Events): number {
    if (event !== undefined) return this.listeners.get(event)?.length ?? 0;
    let total = 0;
    for (const list of this.listeners.values()) total += list.length;
    return total;
  }
}
