import type { RelayServiceConfig } from '../relay-config.js';
import type { RelayStorage } from '../storage/relay-storage.js';

export interface RelayRouteDeps {
  readonly storage: RelayStorage;
  readonly config: RelayServiceConfig;
  readonly now: () => number;
}
