import type { HubBus, HubEvents } from '../../bus/hub-events.js';

/**
 * Bus events as an async iterator for a GraphQL subscription, with a bounded queue: when a
 * subscriber falls behind, the oldest events are dropped rather than memory growing.
 */
export function busIterator<E extends keyof HubEvents, T>(
  bus: HubBus,
  event: E,
  owner: string,
  map: (payload: HubEvents[E]) => T | undefined,
  maxQueued = 1000,
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let finished = false;
  const unsubscribe = bus.on(event, owner, (payload) => {
    const value = map(payload);
    if (value === undefined || finished) return;
    if (waiting !== undefined) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value, done: false });
      return;
    }
    if (queue.length >= maxQueued) queue.shift();
    queue.push(value);
  });
  const finish = (): Promise<IteratorResult<T>> => {
    finished = true;
    unsubscribe();
    queue.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      const value = queue.shift();
      if (value !== undefined) return Promise.resolve({ value, done: false });
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw: (error: unknown) => {
      void finish();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
