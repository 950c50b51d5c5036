import t from 'tap';
import type { PersonSummary } from '../../hub/api/contract/people.js';
import { importUiModules } from './helpers/ui-modules.js';

interface Saved {
  readonly savedAt: number;
  readonly people: readonly PersonSummary[];
}

interface LastOverview {
  signedIn(userId: string): void;
  save(people: readonly PersonSummary[]): void;
  saved(): Saved | undefined;
  forget(): void;
}

/** What the dashboard uses of a browser's localStorage (the tests compile without the DOM library). */
interface Storage {
  readonly length: number;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface Modules {
  readonly LastOverview: new (storage: () => Storage | undefined, clock?: () => number) => LastOverview;
}

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const household = [{ id: 'alex', name: 'Alex', latest: { heart_rate: { value: 61, unit: 'bpm', ts: 1_000 } } }] as unknown as PersonSummary[];

t.test('the household kept for offline use', async (t) => {
  const { LastOverview } = await importUiModules<Modules>(['offline/last-overview.ts']);

  t.test('an answer that arrives before the page knows who is signed in is kept once it does', async (t) => {
    const storage = memoryStorage();
    const kept = new LastOverview(() => storage, () => 5_000);
    kept.save(household);
    t.equal(kept.saved(), undefined, 'nothing is written for nobody');
    kept.signedIn('owner-1');
    t.same(kept.saved(), { savedAt: 5_000, people: household }, 'written for the account that signed in');
  });

  t.test('signing out before the session is known drops the early answer', async (t) => {
    const storage = memoryStorage();
    const kept = new LastOverview(() => storage);
    kept.save(household);
    kept.forget();
    kept.signedIn('someone-else');
    t.equal(kept.saved(), undefined);
    t.equal(storage.length, 1, 'only who is signed in is kept');
  });

  t.test('an answer for the account that signed out, arriving late, is not kept for the next one', async (t) => {
    const storage = memoryStorage();
    const kept = new LastOverview(() => storage);
    kept.signedIn('member-a');
    kept.forget();
    kept.save(household);
    kept.signedIn('member-b');
    t.equal(kept.saved(), undefined, 'member b’s browser keeps nothing of what member a could see');
  });

  t.test('kept with the time it arrived, not the time of signing in', async (t) => {
    const storage = memoryStorage();
    let now = 1_000;
    const kept = new LastOverview(() => storage, () => now);
    kept.save(household);
    now = 9_000;
    kept.signedIn('owner-1');
    t.equal(kept.saved()?.savedAt, 1_000);
  });

  t.test('kept per account, and gone with the account’s sign-out', async (t) => {
    const storage = memoryStorage();
    const kept = new LastOverview(() => storage, () => 7_000);
    kept.signedIn('owner-1');
    kept.save(household);
    t.same(kept.saved()?.people, household);
    kept.forget();
    t.equal(kept.saved(), undefined);
    t.equal(storage.length, 0, 'nothing of the household is left in the browser');
  });

  t.test('a browser that refuses storage keeps nothing and breaks nothing', async (t) => {
    const refusing = memoryStorage();
    refusing.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const kept = new LastOverview(() => refusing);
    kept.signedIn('owner-1');
    kept.save(household);
    t.equal(kept.saved(), undefined);
  });
});
