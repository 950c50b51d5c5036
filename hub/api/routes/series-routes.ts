import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canReadPerson } from '../../accounts/access.js';
import { metricDefinition } from '../../../core/metrics.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { RangeQuery, SeriesQuery, type SeriesAnswer, type WaveformAnswer } from '../contract/series.js';
import { principalOf } from '../../http/request-auth.js';
import { personNotFound } from './people-routes.js';

/** Waveforms are dense (ECG at 130 Hz and more): a quarter of an hour is plenty for one screen. */
export const MAX_WAVEFORM_RANGE_MS = 15 * 60_000;

function checkRange(query: RangeQuery): void {
  if (query.to <= query.from) throw new ApiError(400, 'invalid_range', '"to" must be after "from"');
}

export function registerSeriesRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/series', { schema: { querystring: SeriesQuery } }, async (request): Promise<SeriesAnswer> => {
    const { personId, metric, from, to, maxPoints } = request.query;
    if (!canReadPerson(principalOf(request), personId) || deps.household.person(personId) === undefined) throw personNotFound();
    checkRange(request.query);
    if (metricDefinition(metric).kind === 'waveform') throw new ApiError(400, 'waveform_metric', `${metric} is a waveform; ask /api/v1/waveforms`);
    return { metric, unit: metricDefinition(metric).unit, ...deps.store.query.querySeries({ personId, metric, from, to, maxPoints }) };
  });

  app.get('/api/v1/waveforms', { schema: { querystring: RangeQuery } }, async (request): Promise<WaveformAnswer> => {
    const { personId, metric, from, to } = request.query;
    if (!canReadPerson(principalOf(request), personId) || deps.household.person(personId) === undefined) throw personNotFound();
    checkRange(request.query);
    if (metricDefinition(metric).kind !== 'waveform') throw new ApiError(400, 'not_a_waveform', `${metric} is not a waveform; ask /api/v1/series`);
    if (to - from > MAX_WAVEFORM_RANGE_MS) throw new ApiError(400, 'range_too_long', `ask for at most ${MAX_WAVEFORM_RANGE_MS / 60_000} minutes of waveform at once`);
    const blocks = deps.store.query.readWaveform({ personId, metric, from, to });
    return { metric, unit: metricDefinition(metric).unit, blocks: blocks.map(({ deviceId, t0, rateHz, samples }) => ({ deviceId, t0, rateHz, samples })) };
  });
}
