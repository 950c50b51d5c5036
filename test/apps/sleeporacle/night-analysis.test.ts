import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { analyseNights } from '../../../hub/apps/sleeporacle/night-analysis.js';
import { DATABASE_FILE } from '../../../hub/store/database-file.js';
import { Store } from '../../../hub/store/index.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

t.test('two weeks of a strap worn day and night: the regularity is read from them and scores the night', async (t) => {
  const store = new Store({ path: join(mkdtempSync(join(tmpdir(), 'hearth-sleep-')), DATABASE_FILE) });
  await store.start();
  t.teardown(() => store.stop());
  const to = Date.UTC(2026, 11, 1, 12, 0);
  const from = to - 14 * DAY;
  // Asleep 23:00–07:00 UTC every night, a slow heart; an ordinary day otherwise. A reading every
  // 20 s, as a strap sends: more than one query hands back raw.
  for (let ts = from, i = 0; ts < to; ts += 20_000, i++) {
    const hour = new Date(ts).getUTCHours();
    const asleep = hour >= 23 || hour < 7;
    store.writer.write({ metric: 'heart_rate', unit: 'bpm', value: asleep ? 50 + (i % 7) : 64 + ((i * 37) % 31), ts, deviceId: 'strap', personId: 'alex', tsSource: 'device' });
  }
  t.ok(store.writer.flush(), 'two weeks written');

  const nights = analyseNights(store.query, { personId: 'alex', from: to - 48 * 3_600_000, to, timeZone: 'UTC', earlier: [] });
  const last = nights.filter((n) => n.kind === 'night').at(-1);
  const regularity = last?.score.parts.find((part) => part.name === 'regularity');
  t.ok(regularity !== undefined, 'the score has a regularity part: two weeks of minutes were read at minute resolution');
  t.ok(regularity !== undefined && regularity.score > 90, `a sleeper this regular scores near 100 (${regularity?.detail})`);
});
