import { signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { live, type LiveSocket } from '../api/live-socket.js';
import type { LatestValue } from '../api/types.js';

type PersonValues = ReadonlyMap<string, ReadonlySignal<LatestValue>>;

/**
 * Each person's newest value of each metric: first from the household's answer, then from the
 * live stream. A new value changes only its own metric's signal, so only that vital draws again;
 * a metric seen for the first time changes the person's map of metrics.
 */
export class LatestValues {
  private readonly people = new Map<string, Signal<Map<string, Signal<LatestValue>>>>();
  private unlisten: (() => void) | undefined;

  constructor(private readonly socket: LiveSocket) {}

  start(): void {
    this.unlisten ??= this.socket.listen((message) => {
      if (message.type !== 'reading') return;
      const { personId, metric, value, unit, ts } = message.reading;
      if (personId !== null && personId !== undefined) this.note(personId, metric, { value, unit, ts });
    });
  }

  stop(): void {
    this.unlisten?.();
    this.unlisten = undefined;
    this.people.clear();
  }

  of(personId: string): ReadonlySignal<PersonValues> {
    return this.person(personId);
  }

  /** Takes the values of a household answer; a value older than the one known is ignored. */
  seed(personId: string, latest: Readonly<Record<string, LatestValue>>): void {
    for (const [metric, value] of Object.entries(latest)) this.note(personId, metric, value);
  }

  note(personId: string, metric: string, value: LatestValue): void {
    const person = this.person(personId);
    const known = person.peek().get(metric);
    if (known === undefined) person.value = new Map(person.peek()).set(metric, signal(value));
    else if (known.peek().ts <= value.ts) known.value = value;
  }

  private person(personId: string): Signal<Map<string, Signal<LatestValue>>> {
    let person = this.people.get(personId);
    if (person === undefined) {
      person = signal(new Map());
      this.people.set(personId, person);
    }
    return person;
  }
}

export const latestValues = new LatestValues(live);
