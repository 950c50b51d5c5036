import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Node's `gc()` without starting node with --expose-gc (tap starts the test process): the flag is
 * set at run time, and a fresh context picks the function up.
 */
export function forcedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Heap used after two full collections (the second collects what the first's finalisers freed). */
export function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
