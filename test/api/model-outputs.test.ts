import t from 'tap';
import Type from 'typebox';
import { Value } from 'typebox/value';
import { apiPartFactory } from '../../hub/api/api-part.js';
import { ModelOutput } from '../../hub/api/contract/insights.js';
import { startLiveHub } from '../inference/live-hub.js';
import { onboardOwner, startApiHub, TEST_SCRYPT } from './api-harness.js';

t.test('GET /insights/outputs says what each running model writes and what one value is computed from', async (t) => {
  const live = await startLiveHub({ startTs: Date.UTC(2024, 4, 14, 12, 0), extraParts: [apiPartFactory({ scryptCost: TEST_SCRYPT })] });
  t.teardown(() => live.hub.stop());
  const base = (live.hub.listeningAddress ?? '').replace('0.0.0.0', '127.0.0.1');
  const owner = await onboardOwner(base);
  const answer = await owner.get('/api/v1/insights/outputs');
  t.equal(answer.status, 200);
  t.same(Value.Errors(Type.Array(ModelOutput), answer.body).map((e) => e.message), [], 'the answer is what the contract says');
  const outputs = answer.body as ModelOutput[];
  t.same(
    outputs.find((o) => o.metric === 'af_probability'),
    { metric: 'af_probability', model: 'af-rr', reads: 'the intervals between 60 heartbeats', threshold: 0.5 },
    'the AF score: from the window of beats the model was trained on, called at its decision threshold',
  );
  const illness = outputs.find((o) => o.metric === 'illness_score');
  t.equal(illness?.model, 'illness-rhr');
  t.match(illness?.reads, /^the resting heart rate of the 24 hours before, against the person’s own usual of the 28 days before that$/);
  t.type(illness?.threshold, 'number');
});

t.test('without the models running, the route says so', async (t) => {
  const api = await startApiHub();
  t.teardown(() => api.stop());
  const owner = await onboardOwner(api.base);
  const answer = await owner.get('/api/v1/insights/outputs');
  t.equal(answer.status, 503);
  t.equal((answer.body as { error: string }).error, 'insights_unavailable');
});
