import t from 'tap';
import { NutriVersePart } from '../../../hub/apps/nutriverse/nutriverse-part.js';
import { ApiClient, addUser, onboardOwner, startApiHub } from '../../api/api-harness.js';

interface Food {
  id: string;
  name: string;
  category: string;
  per100g: Record<string, number | null>;
  portions: { description: string; grams: number }[];
}

t.test('the food table over the API: searched as someone types, the same for everyone signed in and for nobody else', async (t) => {
  const api = await startApiHub({ consumers: [(context) => new NutriVersePart(context)] });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const viewer = await addUser(owner, { username: 'viewer', role: 'viewer', grants: [] });

  const found = await viewer.get('/api/v1/foods?q=ban&limit=5');
  t.equal(found.status, 200, found.text);
  const foods = found.body as Food[];
  t.equal(foods.length, 5);
  t.equal(foods[0]?.name, 'Bananas, raw', 'three letters, the plain banana first');
  t.same(foods[0]?.per100g, { kcal: 89, protein_g: 1.09, fat_g: 0.33, carbs_g: 22.84, sugars_g: 12.23, fiber_g: 2.6, sodium_mg: 1, water_g: 74.91, caffeine_mg: 0, alcohol_g: 0 });
  t.same((await owner.get('/api/v1/foods/09040')).body, foods[0], 'and by its id');

  const coffee = (await owner.get(`/api/v1/foods?q=${encodeURIComponent('coffee, brewed')}`)).body as Food[];
  t.ok(coffee.length > 0 && coffee.every((f) => /coffee/i.test(f.name)), 'punctuation is no word');
  t.ok(coffee.some((f) => (f.per100g['caffeine_mg'] ?? 0) > 30), 'brewed coffee has its caffeine');
  t.same((await owner.get('/api/v1/foods?q=%22%20*%20%5E%20-')).body, [], 'nothing searchable typed, nothing found, no error');

  t.equal((await new ApiClient(api.base).get('/api/v1/foods?q=ban')).status, 401, 'nobody signed in is told to sign in');
  t.equal((await owner.get('/api/v1/foods?q=ban&limit=500')).status, 400, 'a limit past 50 is refused');
  const missing = await owner.get('/api/v1/foods/99999');
  t.equal(missing.status, 404);
  t.match((missing.body as { message: string }).message, /no food 99999 in the food table/);
  t.equal((await owner.get('/api/v1/foods/abc')).status, 400, 'an id is five digits');
});

t.test('a hub whose food table cannot be read runs on, and its search says why it is unavailable', async (t) => {
  const api = await startApiHub({ consumers: [(context) => new NutriVersePart(context, { foodTableFile: '/nonexistent/foods.json.gz' })] });
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const answer = await owner.get('/api/v1/foods?q=ban');
  t.equal(answer.status, 503);
  t.match((answer.body as { message: string }).message, /food search is unavailable on this hub: .* its food table could not be read/);
  t.equal((await owner.get('/api/v1/people')).status, 200, 'the rest of the hub answers');
});
