import type { Db } from '../store/index.js';

/**
 * Secrets the relay client keeps on the box (its signing key, the household pseudonym key, the
 * backup key). They stay beside the data they protect: whoever holds the box holds the data anyway.
 */
export class RelaySecrets {
  constructor(private readonly db: Db) {}

  get(name: string): Buffer | undefined {
    return this.db.prepare<[string], { value: Buffer }>('SELECT value FROM relay_secret WHERE name = ?').get(name)?.value;
  }

  set(name: string, value: Buffer): void {
    this.db.prepare('INSERT INTO relay_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, value);
  }

  /** The stored value, or the one `make` creates now (first use), stored before it is returned. */
  getOrCreate(name: string, make: () => Buffer): Buffer {
    return this.db
      .transaction(() => {
        const known = this.get(name);
        if (known !== undefined) return known;
        const value = make();
        this.set(name, value);
        return value;
      })
      .immediate();
  }
}
