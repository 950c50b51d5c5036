import type { FastifyInstance } from 'fastify';
import { canAdminister } from '../../accounts/access.js';
import type { HouseholdSettings } from '../../accounts/settings-store.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { principalOf } from '../../http/request-auth.js';
import { nameSchema } from '../schemas.js';

export function registerSettingsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  // Everyone logged in reads them (units and household name shape every screen); the owner changes them.
  app.get('/api/v1/settings', async () => deps.accounts.settings.read());

  app.patch<{ Body: Partial<HouseholdSettings> }>(
    '/api/v1/settings',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            householdName: nameSchema,
            units: { type: 'string', enum: ['metric', 'imperial'] },
            timeFormat: { type: 'string', enum: ['24h', '12h'] },
          },
        },
      },
    },
    async (request) => {
      if (!canAdminister(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner changes settings');
      return deps.accounts.settings.update(request.body);
    },
  );
}
