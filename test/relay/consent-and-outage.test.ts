import Database from 'better-sqlite3';
import { join } from 'node:path';
import t from 'tap';
import { DAY_MS, makeFixture, seedHousehold, START, writeDay } from './helpers/relay-fixture.js';

t.test('the consent log verifies, refuses edits, and a change made around it is detected', async (t) => {
  const f = await makeFixture();
  t.teardown(() => f.close());
  seedHousehold(f);
  const { consent } = f.service;
  t.notOk(consent.granted('tom', 'research'), 'off by default');
  consent.record({ personId: 'tom', purpose: 'research', granted: true, actor: 'u-tom' });
  f.clock.advance(3_600_000);
  consent.record({ personId: 'tom', purpose: 'backup', granted: true, actor: 'u-owner' });
  consent.record({ personId: 'tom', purpose: 'research', granted: false, actor: 'u-tom' });
  t.notOk(consent.granted('tom', 'research'), 'revoked');
  t.ok(consent.granted('tom', 'backup'), 'purposes are separate');
  t.same(consent.verify(), { ok: true, entries: 3 });
  t.throws(() => f.store.db.prepare("UPDATE relay_consent_log SET granted = 1 WHERE seq = 3").run(), /append-only/);
  t.throws(() => f.store.db.prepare('DELETE FROM relay_consent_log WHERE seq = 1').run(), /append-only/);

  // Someone with the file in hand removes the guard and turns the withdrawal into a grant.
  const file = join(f.dir, 'hub', 'hearth.db');
  const raw = new Database(file);
  raw.exec('DROP TRIGGER relay_consent_log_no_update');
  raw.prepare('UPDATE relay_consent_log SET granted = 1 WHERE seq = 3').run();
  raw.close();
  const verdict = consent.verify();
  t.equal(verdict.ok, false);
  t.equal(verdict.brokenAt, 3, 'the edited entry is named');
});

t.test('relay away for a week, then back: every batch arrives exactly once', async (t) => {
  const f = await makeFixture();
  t.teardown(() => f.close());
  seedHousehold(f);
  f.service.consent.record({ personId: 'tom', purpose: 'research', granted: true, actor: 'u-tom' });
  f.service.consent.record({ personId: 'grandma-rose', purpose: 'research', granted: true, actor: 'u-owner' });
  writeDay(f, START);
  f.clock.set(START + 2 * DAY_MS);
  await f.service.runResearch();
  t.equal(await f.relayStorage.batchCount(), 1, 'delivered while the relay is up');

  f.transport.down = true;
  for (let day = 1; day <= 8; day++) {
    writeDay(f, START + day * DAY_MS);
    for (let hour = 0; hour < 24; hour++) {
      f.clock.set(START + (day + 1) * DAY_MS + hour * 3_600_000);
      if (hour === 2) await f.service.runResearch();
      await f.service.drain();
    }
  }
  const waiting = f.service.outbox.status();
  t.equal(waiting.queued, 7, 'a week of batches waits on disk');
  t.equal(waiting.dropped, 0);
  t.ok(waiting.lastError !== null, 'the reason is shown');
  const attempts = f.transport.sent.length;
  t.ok(attempts < 7 * 24, `backoff: ${attempts} attempts in a week, not one per batch per hour`);

  // Back, but the first answer is lost on the way: the relay folded the batch, the hub resends it.
  f.transport.down = false;
  f.transport.loseAnswers = 1;
  f.clock.advance(7 * 3_600_000);
  await f.service.drain();
  f.clock.advance(7 * 3_600_000);
  await f.service.drain();
  t.equal(f.service.outbox.status().queued, 0, 'the outbox is empty');
  t.equal(await f.relayStorage.batchCount(), 8, 'every batch arrived');
  const bodies = f.transport.sent.filter((r) => r.path === '/v1/batches').map((r) => r.body.toString('utf8'));
  const cellsSent = new Map(bodies.map((b) => [b, (JSON.parse(b) as { cells: unknown[] }).cells.length]));
  const expectedCells = [...cellsSent.values()].reduce((a, b) => a + b, 0);
  t.equal(await f.relayStorage.cellCount(), expectedCells, 'a resent batch was folded once, not twice');
});

t.test('a full outbox drops its oldest batch and says so', async (t) => {
  const f = await makeFixture({ relay: { outbox: { maxBatches: 3, retryBaseMs: 30_000, retryMaxMs: 3_600_000 } } });
  t.teardown(() => f.close());
  seedHousehold(f);
  f.service.consent.record({ personId: 'tom', purpose: 'research', granted: true, actor: 'u-tom' });
  f.transport.down = true;
  for (let day = 0; day < 5; day++) {
    writeDay(f, START + day * DAY_MS);
    f.clock.set(START + (day + 2) * DAY_MS);
    await f.service.runResearch();
  }
  const status = f.service.outbox.status();
  t.equal(status.queued, 3);
  t.equal(status.dropped, 2);
  f.transport.down = false;
  f.clock.advance(DAY_MS);
  await f.service.drain();
  t.equal(await f.relayStorage.batchCount(), 3, 'the newest three arrive');
});
