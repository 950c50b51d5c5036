import t from 'tap';
import { AnswerBudget } from '../../hub/api/graphql/answer-budget.js';
import { OperationGate } from '../../hub/api/graphql/operation-gate.js';
import { StoreTurns } from '../../hub/api/graphql/store-turns.js';
import { ApiError } from '../../hub/http/api-error.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

t.test('the gate runs a few operations, queues a few more and refuses the rest with 503', async (t) => {
  const gate = new OperationGate(2, 1);
  const release = [deferred(), deferred(), deferred()];
  const order: string[] = [];
  const operation = (name: string, until: Promise<void> | undefined) => async (): Promise<void> => {
    order.push(`${name} started`);
    await until;
    order.push(`${name} done`);
  };
  const first = gate.run(operation('first', release[0]?.promise));
  const second = gate.run(operation('second', release[1]?.promise));
  const third = gate.run(operation('third', release[2]?.promise));
  t.same(gate.load, { running: 2, waiting: 1 });
  const refused = await gate.run(() => Promise.resolve('never')).catch((error: unknown) => error);
  t.ok(refused instanceof ApiError, 'a fourth is refused at once');
  t.match(refused, { statusCode: 503, code: 'busy', headers: { 'retry-after': '1' } });
  release[1]?.resolve();
  await second;
  await new Promise((r) => setImmediate(r));
  t.same(order, ['first started', 'second started', 'second done', 'third started'], 'the waiting one takes the place that was freed');
  release[0]?.resolve();
  release[2]?.resolve();
  await Promise.all([first, third]);
  t.same(gate.load, { running: 0, waiting: 0 }, 'every place is given back');
  await gate.run(() => Promise.reject(new Error('boom'))).catch(() => undefined);
  t.same(gate.load, { running: 0, waiting: 0 }, 'also by an operation that fails');
});

t.test('store reads take turns: other work of the event loop runs between two of them', async (t) => {
  const turns = new StoreTurns();
  const order: string[] = [];
  const reads = [1, 2, 3].map((n) =>
    turns.take(() => {
      order.push(`read ${n}`);
      // Stands for an acknowledgement or a health check that arrives while the reads wait.
      setImmediate(() => order.push(`other work after read ${n}`));
      return n;
    }),
  );
  t.same(await Promise.all(reads), [1, 2, 3]);
  await new Promise((r) => setImmediate(r));
  t.same(order, ['read 1', 'other work after read 1', 'read 2', 'other work after read 2', 'read 3', 'other work after read 3']);
  const failed = await turns.take(() => {
    throw new Error('no such table');
  }).catch((error: unknown) => error);
  t.match(failed, { message: 'no such table' }, 'a failing read rejects its own promise only');
  t.equal(await turns.take(() => 'next'), 'next');
});

t.test('an answer budget refuses the field that passes it and every one after', async (t) => {
  const budget = new AnswerBudget(1000);
  budget.ensureRoom();
  budget.charge(600);
  t.throws(() => budget.charge(600), { code: 'answer_too_large' });
  t.ok(budget.exhausted);
  t.throws(() => budget.ensureRoom(), { code: 'answer_too_large' });
});
