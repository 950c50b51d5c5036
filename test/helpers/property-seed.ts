import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import type { Test } from 'tap';

/**
 * One seed for every fast-check property of a test process, so that a run can be repeated
 * exactly: each property prints it, and `HEARTH_FC_SEED=<seed>` gives the same cases again.
 * Without the variable each run draws a new seed and so explores new cases; a counterexample
 * a run finds belongs in the property's `examples` (tried first on every run) and in a fixed test.
 */
export const SEED_VARIABLE = 'HEARTH_FC_SEED';

export function seedFrom(env: NodeJS.ProcessEnv): number {
  const given = env[SEED_VARIABLE]?.trim();
  if (given === undefined || given === '') return randomInt(0, 2 ** 31 - 1);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`${SEED_VARIABLE} must be an integer, got "${given}"`);
  return seed;
}

export const runSeed = seedFrom(process.env);

function withReplayHint(error: unknown): Error {
  const failure = error instanceof Error ? error : new Error(String(error));
  failure.message = `${failure.message}\n${SEED_VARIABLE}=${runSeed} repeats this run`;
  return failure;
}

const announced = new WeakSet<Test>();

function announce(t: Test): void {
  if (announced.has(t)) return;
  announced.add(t);
  t.comment(`fast-check seed ${runSeed} (${SEED_VARIABLE}=${runSeed} repeats this run)`);
}

/** fc.assert with the run's seed, printed once on each test that runs a property. */
export function assertProperty<Ts>(t: Test, property: fc.IAsyncProperty<Ts>, params?: fc.Parameters<Ts>): Promise<void>;
export function assertProperty<Ts>(t: Test, property: fc.IProperty<Ts>, params?: fc.Parameters<Ts>): void;
export function assertProperty<Ts>(t: Test, property: fc.IRawProperty<Ts>, params: fc.Parameters<Ts> = {}): Promise<void> | void {
  announce(t);
  try {
    const outcome = fc.assert(property, { ...params, seed: runSeed });
    if (!(outcome instanceof Promise)) return outcome;
    return outcome.catch((error: unknown) => {
      throw withReplayHint(error);
    });
  } catch (error) {
    throw withReplayHint(error);
  }
}
