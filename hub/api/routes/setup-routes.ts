import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canAdministerHousehold } from '../../accounts/access.js';
import { ApiError } from '../../http/api-error.js';
import { principalOf } from '../../http/request-auth.js';
import type { ApiDeps } from '../api-deps.js';
import { SetupProgressBody, type SetupProgress } from '../contract/setup.js';

function ownerOnly(request: FastifyRequest): void {
  if (!canAdministerHousehold(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner sees and moves through the first-run setup');
}

/** `GET`, `PUT /api/v1/setup`: the owner's way through the first-run setup, kept so a reload resumes it. */
export function registerSetupRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { setup } = deps.accounts;

  app.get('/api/v1/setup', async (request): Promise<SetupProgress> => {
    ownerOnly(request);
    return setup.read();
  });

  app.put('/api/v1/setup', { schema: { body: SetupProgressBody } }, async (request): Promise<SetupProgress> => {
    ownerOnly(request);
    return setup.write(request.body.step, request.body.done);
  });
}
