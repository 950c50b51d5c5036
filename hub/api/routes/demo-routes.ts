import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canAdministerHousehold, canWrite, hasScope } from '../../accounts/access.js';
import { ApiError } from '../../http/api-error.js';
import { principalOf } from '../../http/request-auth.js';
import type { ApiDeps } from '../api-deps.js';
import type { DemoHousehold, DemoRemoval } from '../contract/demo.js';
import type { DemoHouseholdRemoval } from '../demo-household.js';

/** The owner, through a session or a token for the whole household with the scope the request needs. */
function ownerOnly(request: FastifyRequest, scope: 'read' | 'write'): void {
  const principal = principalOf(request);
  const allowed = canAdministerHousehold(principal) && (scope === 'read' ? hasScope(principal, 'read') : canWrite(principal));
  if (!allowed) throw new ApiError(403, 'forbidden', 'only the owner decides about the demo household');
}

/**
 * `GET /api/v1/demo`: the simulated household and what removing it would take; `POST
 * /api/v1/demo/remove`: removes it with all its data, for good. The owner only, and not through a
 * token limited to some people (it concerns the whole household); a token also needs the admin
 * scope, and the write scope to remove (devices and readings go).
 */
export function registerDemoRoutes(app: FastifyInstance, deps: ApiDeps, demo: DemoHouseholdRemoval): void {
  app.get('/api/v1/demo', async (request): Promise<DemoHousehold> => {
    ownerOnly(request, 'read');
    return demo.describe();
  });

  app.post('/api/v1/demo/remove', async (request): Promise<DemoRemoval> => {
    ownerOnly(request, 'write');
    const removal = await demo.remove();
    deps.log.info({ userId: principalOf(request).user.id }, 'demo household removal asked');
    return removal;
  });
}
