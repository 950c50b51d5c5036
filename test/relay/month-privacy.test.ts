import t from 'tap';
import type { AggregateBatch } from '../../cloud-relay/protocol/batch.js';
import { DAY_MS, makeFixture, RESEARCH_TOKEN, seedHousehold, START, writeDay } from './helpers/relay-fixture.js';

t.test('a month of research uploads carries no name, device address, serial, IP or exact time', async (t) => {
  const f = await makeFixture();
  t.teardown(() => f.close());
  seedHousehold(f);
  f.service.consent.record({ personId: 'grandma-rose', purpose: 'research', granted: true, actor: 'u-owner' });
  f.service.consent.record({ personId: 'tom', purpose: 'research', granted: true, actor: 'u-owner' });
  for (let day = 0; day < 30; day++) {
    writeDay(f, START + day * DAY_MS);
    f.clock.set(START + (day + 1) * DAY_MS + 2 * 3_600_000 + 20 * 60_000);
    await f.service.runResearch();
  }
  const bytes = f.transport.allBytes();
  t.ok(f.transport.sent.length > 28, 'the hub did upload');
  const forbidden = [
    'Rosemary', 'Whitfield', 'Thomas', 'grandma-rose', '"tom"', 'kitchen', 'Oximeter',
    'C4:7C:8D:6A:11:02', 'c4:7c:8d:6a:11:02', 'C47C8D6A1102', 'SN-PO40-778812', '778812', 'birth',
  ];
  for (const word of forbidden) t.notOk(bytes.includes(word), `no "${word}" in what was sent`);
  // Birth years as values (hex digests and signatures may hold the digits by chance).
  t.notMatch(bytes, /[":,[](1931|1984)[,}\]]/, 'no birth year');
  t.notMatch(bytes, /\b(?:\d{1,3}\.){3}\d{1,3}\b/, 'no IP address');
  t.notMatch(bytes, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no ISO time of day');
  // Numbers standing alone (hex ids and base64 signatures hold digit runs by chance).
  t.notMatch(bytes, /(?<![\w.+/])1\d{12}(?![\w.+/])/, 'no epoch milliseconds');
  t.notMatch(bytes, /(?<![\w.+/])1\d{9}(?![\w.+/])/, 'no epoch seconds');

  const batches = f.transport.sent.filter((r) => r.path === '/v1/batches').map((r) => JSON.parse(r.body.toString('utf8')) as AggregateBatch);
  const cells = batches.flatMap((b) => b.cells);
  t.ok(cells.every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c.day)), 'times are days');
  t.same([...new Set(cells.map((c) => c.age))].sort(), ['40-49', '90+'], 'ages are bands, past 89 pooled');
  t.ok(batches.every((b) => new Set(b.cells.map((c) => c.day)).size === 1), 'one day per batch');
  const pids = new Set(cells.map((c) => c.pid));
  // A day is sent once it has been over for a day (late syncs): 29 of the 30 days have gone.
  t.equal(pids.size, 2 * 29, 'a new pseudonym per person each day: days cannot be linked');

  const sentLog = f.service.outbox.sent(1000);
  t.equal(sentLog.length, new Set(batches.map((b) => b.batchId)).size, 'every payload that left is logged on the box');
  const logged = new Set(sentLog.map((s) => s.body));
  t.ok(
    f.transport.sent.filter((r) => r.path === '/v1/batches').every((r) => logged.has(r.body.toString('utf8'))),
    'the log holds the exact bytes sent',
  );

  const research = await f.relayApp.inject({ method: 'GET', url: '/v1/research?metric=heart_rate&from=2026-01-01&to=2026-02-28', headers: { authorization: `Bearer ${RESEARCH_TOKEN}` } });
  const answer = research.json<{ cells: { suppressed: boolean; mean?: number }[] }>();
  t.ok(answer.cells.length > 0);
  t.ok(answer.cells.every((c) => c.suppressed && c.mean === undefined), 'two contributors are fewer than k: every cell suppressed');
});

t.test('no consent, nothing sent; a withdrawal stops uploads from that day on', async (t) => {
  const f = await makeFixture();
  t.teardown(() => f.close());
  seedHousehold(f);
  for (let day = 0; day < 5; day++) {
    writeDay(f, START + day * DAY_MS);
    f.clock.set(START + (day + 2) * DAY_MS);
    await f.service.runResearch();
  }
  t.equal(f.transport.sent.length, 0, 'off by default: not one request');

  f.service.consent.record({ personId: 'tom', purpose: 'research', granted: true, actor: 'u-tom' });
  writeDay(f, START + 5 * DAY_MS);
  writeDay(f, START + 6 * DAY_MS);
  f.clock.set(START + 8 * DAY_MS);
  await f.service.runResearch();
  const before = await f.relayStorage.cellCount();
  t.ok(before > 0, 'after consent, his days go');
  const fromDays = f.transport.sent.filter((r) => r.path === '/v1/batches').flatMap((r) => (JSON.parse(r.body.toString('utf8')) as AggregateBatch).cells.map((c) => c.day));
  t.notOk(fromDays.some((d) => d < '2026-01-11'), 'nothing from before the consent was given');

  f.service.consent.record({ personId: 'tom', purpose: 'research', granted: false, actor: 'u-tom' });
  for (let day = 8; day < 11; day++) {
    writeDay(f, START + day * DAY_MS);
    f.clock.set(START + (day + 2) * DAY_MS);
    await f.service.runResearch();
  }
  t.equal(await f.relayStorage.cellCount(), before, 'after withdrawal, nothing more');
});
