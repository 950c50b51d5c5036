import t from 'tap';
import { noisedCells } from '../../hub/relay/anonymise.js';
import { seededRandom } from '../../core/seeded-random.js';

t.test('research cells: what a person wrote down may go as a noised daily figure; a medicine dose never does', async (t) => {
  const day = { metric: '', count: 4, mean: 600, min: 90, max: 1200, sd: 400 };
  const { cells } = noisedCells(
    [{ ...day, metric: 'energy_intake' }, { ...day, metric: 'medication_taken', mean: 1, min: 1, max: 1, sd: 0 }, { ...day, metric: 'medicine_missed', mean: 1, min: 1, max: 1, sd: 0 }],
    { pid: 'p', day: '2026-12-02', age: '30-39' },
    1,
    seededRandom(7),
  );
  t.same(cells.map((c) => c.metric), ['energy_intake'], 'energy eaten may go; doses taken or missed stay home');
  t.not(cells[0]?.mean, 600, 'noised, never the day’s own figure');
});
