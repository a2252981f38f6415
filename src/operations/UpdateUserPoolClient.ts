import { z } from 'zod';
import { shapes } from './shapes.ts';
import { clientConfig, clientName, clientSettings, describeClient } from './client-shapes.ts';
import { loadClient, loadPool } from './lookup.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html

export default operation({
  name: 'UpdateUserPoolClient',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    ClientId: shapes.clientId(),
    ClientName: clientName().optional(),
    ...clientSettings,
  }),
  async handler(req, { services }) {
    const { UserPoolId, ClientId, ClientName, ...settings } = req;
    const pool = await loadPool(services, UserPoolId);
    const client = await loadClient(services, ClientId, pool.id);
    // Every setting is replaced (absent ones reset to defaults); the name and secret stay.
    const updated = {
      ...client,
      name: ClientName ?? client.name,
      config: clientConfig(pool, settings, 'updating'),
      updatedAt: services.clock.now(),
    };
    await services.stores.clients.update(updated);
    return { UserPoolClient: describeClient(updated) };
  },
});
