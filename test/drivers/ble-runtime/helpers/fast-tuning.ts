import type { BleRuntimeOptions } from '../../../../drivers/ble/runtime/ble-runtime.js';

/** Runtime timings shrunk so that a test's reconnects take milliseconds. */
export const FAST_TUNING = {
  gattTimeoutMs: 300,
  reconnectBackoff: { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.3 },
  settleMs: 30,
} satisfies Partial<BleRuntimeOptions>;
