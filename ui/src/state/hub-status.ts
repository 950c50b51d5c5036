import { signal } from '@preact/signals';
import { api } from '../api/client.js';
import type { HubStatus } from '../api/types.js';

/** What the hub says of its sources: the simulated household (the DEMO badge), the Bluetooth radio. */
export const hubStatus = signal<HubStatus | undefined>(undefined);

export async function loadHubStatus(): Promise<HubStatus> {
  const status = await api.get<HubStatus>('/hub');
  hubStatus.value = status;
  return status;
}

export function forgetHubStatus(): void {
  hubStatus.value = undefined;
}
