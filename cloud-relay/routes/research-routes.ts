import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AGE_BANDS } from '../protocol/batch.js';
import type { RelayRouteDeps } from './route-deps.js';

interface ResearchQueryString {
  metric: string;
  from: string;
  to: string;
  age?: string;
}

const day = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;

function authorised(header: string | undefined, tokens: readonly string[]): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (match?.[1] === undefined) return false;
  const sent = createHash('sha256').update(match[1]).digest();
  return tokens.some((t) => timingSafeEqual(sent, createHash('sha256').update(t).digest()));
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Population questions: per metric, day and age band. A cell with fewer than k distinct
 * contributors is answered as suppressed, with no figures at all (not even its count).
 */
export function registerResearchRoutes(app: FastifyInstance, deps: RelayRouteDeps): void {
  app.get<{ Querystring: ResearchQueryString }>(
    '/v1/research',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['metric', 'from', 'to'],
          properties: { metric: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,39}$' }, from: day, to: day, age: { type: 'string', enum: AGE_BANDS } },
        },
      },
    },
    async (request, reply) => {
      if (!authorised(request.headers.authorization, deps.config.researchTokens)) {
        return reply.code(401).send({ error: 'unauthenticated', message: 'a research token is required' });
      }
      const k = deps.config.minContributors;
      const rows = await deps.storage.research(request.query);
      const cells = rows.map((row) =>
        row.contributors < k
          ? { metric: row.metric, day: row.day, age: row.age, suppressed: true }
          : {
              metric: row.metric,
              day: row.day,
              age: row.age,
              suppressed: false,
              contributors: row.contributors,
              mean: round(row.meanOfMeans),
              sd: round(row.meanSd),
              min: round(row.meanMin),
              max: round(row.meanMax),
              readings: row.readings,
            },
      );
      return reply.send({ k, cells });
    },
  );
}
