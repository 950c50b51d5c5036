import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import t from 'tap';
import { foodSearchWords, ftsQuery } from '../../../hub/apps/nutriverse/food-query.js';
import { installedFoodTable } from '../../../hub/apps/nutriverse/food-table-file.js';
import { FoodTable } from '../../../hub/apps/nutriverse/food-table.js';
import { assertProperty } from '../../helpers/property-seed.js';
import { tempDir } from '../../store/helpers/temp-store.js';

const names = (foods: readonly { name: string }[]): string[] => foods.map((f) => f.name);

function search(table: FoodTable, typed: string, limit = 10) {
  const match = ftsQuery(typed);
  return match === undefined ? [] : table.search(match, foodSearchWords(typed)[0] ?? '', limit);
}

t.test('the shipped table: every SR28 food, its values as published, found by the first letters of its words', (t) => {
  const { table, built } = FoodTable.open(join(tempDir(t), 'food-table.db'), installedFoodTable());
  t.teardown(() => table.close());
  t.ok(built, 'built on the first start');
  t.equal(table.size, 8789, 'all 8,789 foods');
  const banana = table.food('09040');
  t.same(banana?.per100g, { kcal: 89, protein_g: 1.09, fat_g: 0.33, carbs_g: 22.84, sugars_g: 12.23, fiber_g: 2.6, sodium_mg: 1, water_g: 74.91, caffeine_mg: 0, alcohol_g: 0 }, 'the check row of the table’s provenance');
  t.same(banana?.portions[0], { description: '1 cup, mashed', grams: 225 }, 'household portions, the table’s first first');
  t.equal(table.food('01001')?.name, 'Butter, salted', 'ids keep their leading zero');

  t.equal(search(table, 'ban')[0]?.name, 'Bananas, raw', 'three letters find the plain banana first');
  t.equal(search(table, 'chees ched')[0]?.name, 'Cheese, cheddar', 'each word a prefix');
  t.equal(search(table, 'EGG')[0]?.name.startsWith('Egg,'), true, `a food named by the word comes before words that begin with it (${search(table, 'EGG')[0]?.name ?? ''})`);
  t.ok(names(search(table, 'coffee brewed')).every((n) => /coffee/i.test(n) && /brewed/i.test(n)), 'every word is in what is found');
  t.same(names(search(table, 'crème brûlée')), names(search(table, 'creme brulee')), 'accents do not matter');
  t.same(search(table, '  ,;  '), [], 'nothing searchable finds nothing');
  t.equal(search(table, 'a', 50).length, 50, 'at most the limit');
  t.end();
});

t.test('whatever is typed is a valid search: only letters and digits reach the FTS5 query', (t) => {
  const { table } = FoodTable.open(join(tempDir(t), 'food-table.db'), installedFoodTable());
  t.teardown(() => table.close());
  assertProperty(
    t,
    fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (typed) => {
      const match = ftsQuery(typed);
      if (match === undefined) return foodSearchWords(typed).length === 0;
      if (!/^"[\p{L}\p{N}]+"\*( "[\p{L}\p{N}]+"\*)*$/u.test(match)) return false;
      search(table, typed);
      return true;
    }),
    { numRuns: 500 },
  );
  for (const hostile of ['"', 'NEAR(a b)', 'a OR b', 'name:x', '*', '^a', 'a AND NOT b', "'; DROP TABLE food; --"]) {
    t.doesNotThrow(() => search(table, hostile), `typed ${hostile}`);
  }
  t.end();
});

t.test('the table is built again only when the shipped one changed, and a damaged file is refused in words', (t) => {
  const dir = tempDir(t);
  const shipped = join(dir, 'foods.json.gz');
  const columns = ['id', 'name', 'category', 'kcal', 'protein_g', 'fat_g', 'carbs_g', 'sugars_g', 'fiber_g', 'sodium_mg', 'water_g', 'caffeine_mg', 'alcohol_g', 'portions'];
  const write = (foods: unknown[][]): void => writeFileSync(shipped, gzipSync(JSON.stringify({ columns, foods })));
  write([['00001', 'Porridge, oats, cooked', 'Cereal Grains and Pasta', 71, 2.5, 1.5, 12, 0.3, 1.7, 49, 84, null, 0, [['1 cup', 234]]]]);
  const path = join(dir, 'food-table.db');
  const first = FoodTable.open(path, shipped);
  t.ok(first.built);
  t.equal(first.table.food('00001')?.per100g.caffeine_mg, null, 'no value stays no value, not zero');
  first.table.close();
  const again = FoodTable.open(path, shipped);
  t.notOk(again.built, 'the same shipped file: opened, not built');
  again.table.close();
  write([['00002', 'Tea, brewed', 'Beverages', 1, 0, 0, 0.3, 0, 0, 3, 99.7, 20, 0, []]]);
  const updated = FoodTable.open(path, shipped);
  t.ok(updated.built, 'a changed shipped file: built again');
  t.same(names(search(updated.table, 'tea')), ['Tea, brewed']);
  updated.table.close();

  writeFileSync(shipped, 'not gzip at all');
  const kept = FoodTable.open(path, shipped);
  t.match(kept.problem, /the food table .* cannot be read: /, 'a damaged update is said');
  t.same(names(search(kept.table, 'tea')), ['Tea, brewed'], 'and the table built before is kept');
  kept.table.close();
  const fresh = join(dir, 'fresh.db');
  t.throws(() => FoodTable.open(fresh, shipped), { name: 'FoodTableError' }, 'with no table before, it is refused');
  writeFileSync(shipped, gzipSync(JSON.stringify({ columns: ['id', 'name'], foods: [] })));
  t.throws(() => FoodTable.open(fresh, shipped), /is not one this hub knows \(expected the columns id, name, category, kcal/);
  t.throws(() => FoodTable.open(fresh, join(dir, 'missing.json.gz')), /cannot be read: ENOENT/);
  t.end();
});
