import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canAdministerHousehold } from '../../accounts/access.js';
import { ApiError } from '../../http/api-error.js';
import { principalOf } from '../../http/request-auth.js';
import { ChannelSettingsRefused, type AlertChannelsService } from '../../services/alert-channels-service.js';
import type { ApiDeps } from '../api-deps.js';
import { AlertChannelsChange, ChannelTestBody, type AlertChannels, type ChannelTestResult } from '../contract/alert-channels.js';

/** Push addresses, and whom a test reaches, concern the whole household: the owner alone, never through a token limited to people. */
function ownerOnly(request: FastifyRequest): void {
  if (!canAdministerHousehold(principalOf(request))) throw new ApiError(403, 'forbidden', 'only the owner sets up alert channels');
}

function channelsOf(deps: ApiDeps): AlertChannelsService {
  const service = deps.alertChannels.current();
  if (service === undefined) throw new ApiError(503, 'alerts_unavailable', 'the alerts engine is not running on this hub');
  return service;
}

/** The alert channels as the household sets them up on the dashboard: read, change (applied at once), test. */
export function registerAlertChannelRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/alert-channels', async (request): Promise<AlertChannels> => {
    ownerOnly(request);
    return channelsOf(deps).read();
  });

  app.put('/api/v1/alert-channels', { schema: { body: AlertChannelsChange } }, async (request): Promise<AlertChannels> => {
    ownerOnly(request);
    try {
      return channelsOf(deps).update(request.body);
    } catch (error) {
      if (error instanceof ChannelSettingsRefused) throw new ApiError(400, 'invalid_channel_settings', error.message);
      throw error;
    }
  });

  app.post('/api/v1/alert-channels/test', { schema: { body: ChannelTestBody } }, async (request): Promise<ChannelTestResult> => {
    ownerOnly(request);
    return channelsOf(deps).test(request.body.channel);
  });
}
