import t from 'tap';
import { importUiModules } from './helpers/ui-modules.js';

type Reference = { amount: number; kind: 'about' | 'at_most' | 'at_least' };
interface Modules {
  mealAt: (hour: number) => string;
  totalText: (total: number, reference: Reference, unit: string) => string;
  totalShare: (total: number, reference: Reference) => { share: number; over: boolean };
  portionText: (entry: { portion: string | null; grams: number; count: number }) => string;
  newEntryId: () => string;
  alcoholText: (grams: number) => string | undefined;
}

t.test('the food journal in words: the meal of the hour, a total against its reference, a portion', async (t) => {
  const { mealAt, totalText, totalShare, portionText, newEntryId, alcoholText } = await importUiModules<Modules>(['apps/nutriverse/journal-format.ts', 'api/entry-id.ts']);
  t.same([5, 10, 11, 14, 15, 17, 21, 22, 2].map(mealAt), ['breakfast', 'breakfast', 'lunch', 'lunch', 'snack', 'dinner', 'dinner', 'snack', 'snack']);
  t.equal(totalText(1249.6, { amount: 2000, kind: 'about' }, 'kcal'), '1,250 kcal of about 2,000');
  t.equal(totalText(180, { amount: 400, kind: 'at_most' }, 'mg'), '180 mg of at most 400');
  t.same(totalShare(500, { amount: 2000, kind: 'at_least' }), { share: 0.25, over: false });
  t.same(totalShare(2600, { amount: 2300, kind: 'at_most' }), { share: 1, over: true }, 'past an upper limit: full, and said');
  t.same(totalShare(2600, { amount: 2000, kind: 'about' }), { share: 1, over: false }, 'past an amount that is only about: no warning');
  t.equal(portionText({ portion: '1 cup (8 fl oz)', grams: 237, count: 2 }), '2 × 1 cup (8 fl oz)');
  t.equal(portionText({ portion: null, grams: 1500, count: 1 }), '1,500 g');
  t.equal(alcoholText(0), undefined, 'a day without alcohol says nothing of it');
  t.equal(alcoholText(27.6), '27.6 g of alcohol, 2 standard drinks (14 g each)');
  t.equal(alcoholText(14), '14 g of alcohol, 1 standard drink (14 g each)');
  const ids = new Set(Array.from({ length: 200 }, () => newEntryId()));
  t.equal(ids.size, 200, 'every entry its own id');
  t.ok([...ids].every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)), 'a version-4 UUID, which the hub checks');
});
