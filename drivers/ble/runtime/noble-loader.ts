import { createRequire } from 'node:module';
import type { NobleCentral } from './noble-types.js';

const require = createRequire(import.meta.url);

/** noble over any binding (its `with-bindings` entry): the emulated one in tests and the demo. */
export function nobleWithBinding(binding: object): NobleCentral {
  const withBindings = require('@abandonware/noble/with-bindings.js') as (bindings: object) => NobleCentral;
  return withBindings(binding);
}

/** Why the adapter could not be opened: none there, no permission, or noble itself failing. */
export type HardwareProblem = 'no_adapter' | 'permission' | 'not_loaded';

export type HardwareNoble = { readonly noble: NobleCentral } | { readonly problem: string; readonly reason: HardwareProblem };

/**
 * noble over the HCI socket, loaded only when wanted: requiring it opens native code that fails
 * on a machine without Bluetooth or without permission. A failure becomes one sentence for the log.
 */
export function loadHardwareNoble(): HardwareNoble {
  try {
    const create = require('@abandonware/noble/with-custom-binding.js') as (options?: object) => NobleCentral;
    const noble = create();
    // Reading the state opens the adapter: failures surface here rather than later in a listener.
    void noble.state;
    return { noble };
  } catch (error) {
    const message = (error as Error).message;
    if (/EAFNOSUPPORT|ENODEV/.test(message)) return { problem: 'this machine has no Bluetooth adapter (or its kernel lacks Bluetooth support)', reason: 'no_adapter' };
    if (/EPERM|EACCES|permission/i.test(message)) {
      return { problem: 'permission denied opening the Bluetooth adapter: sudo setcap cap_net_raw+eip $(readlink -f $(which node))', reason: 'permission' };
    }
    return { problem: `the Bluetooth stack could not be loaded (${message})`, reason: 'not_loaded' };
  }
}
