/**
 * Waits until `condition` holds, checking on each turn of the event loop (the emulated radio runs
 * on real timers). The limit only ends a hung test with a message; no assertion depends on time.
 */
export async function waitFor(what: string, condition: () => boolean, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
