/**
 * One service a part provides to the others, held by the hub's context. Parts start in order, so a
 * user may start before its provider: it asks `current()` each time it needs the service, and gets
 * undefined while nobody provides it (the provider's part is off, not started yet, or stopped).
 */
export class ServiceSlot<T> {
  private service: T | undefined;

  constructor(readonly name: string) {}

  /** Two providers of one service in a hub are a wiring mistake, refused at once. */
  provide(service: T): void {
    if (this.service !== undefined && this.service !== service) throw new Error(`the ${this.name} service is already provided`);
    this.service = service;
  }

  /** Takes `service` away if it is still the one provided. */
  withdraw(service: T): void {
    if (this.service === service) this.service = undefined;
  }

  current(): T | undefined {
    return this.service;
  }
}
