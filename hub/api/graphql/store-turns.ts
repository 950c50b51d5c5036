/**
 * The store reads of GraphQL resolvers, one at a time and each in its own turn of the event loop.
 * A store read is synchronous (SQLite), so a query with many series would otherwise hold the loop
 * for all of them; between two reads the hub now answers its sockets (an MQTT acknowledgement,
 * `/health`), however many reads wait. Reads are served in the order asked, across requests.
 */
export class StoreTurns {
  private readonly queue: { run: () => void }[] = [];
  private scheduled = false;

  take<T>(read: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        run: () => {
          try {
            resolve(read());
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
      });
      this.schedule();
    });
  }

  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    // An immediate queued from inside an immediate runs on the next turn, after pending I/O.
    setImmediate(() => {
      this.scheduled = false;
      this.queue.shift()?.run();
      this.schedule();
    });
  }
}
