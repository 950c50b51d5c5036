import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canAdministerHousehold } from '../../accounts/access.js';
import { isKnownTimeZone } from '../../accounts/settings-store.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { SettingsPatchBody, type HouseholdSettings } from '../contract/settings.js';
import { principalOf } from '../../http/request-auth.js';

export function registerSettingsRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  // Everyone logged in reads them (units and household name shape every screen); the owner changes them.
  app.get('/api/v1/settings', async (): Promise<HouseholdSettings> => deps.accounts.settings.read());

  app.patch('/api/v1/settings', { schema: { body: SettingsPatchBody } }, async (request): Promise<HouseholdSettings> => {
    if (!canAdministerHousehold(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner changes settings');
    const { timeZone } = request.body;
    if (timeZone !== undefined && !isKnownTimeZone(timeZone)) throw new ApiError(400, 'unknown_time_zone', `the hub does not know the time zone "${timeZone}"; choose one from the list`);
    const settings = deps.accounts.settings.update(request.body);
    // Quiet hours and the times in alerts follow the household's zone from the next alert on.
    deps.timeZone.set(settings.timeZone);
    return settings;
  });
}
