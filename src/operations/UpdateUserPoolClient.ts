import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { updateClient } from '../pools/update-client.ts';
import { clientName, clientSettings } from './client-shapes.ts';
import { describeClient } from './client-type.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

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
    return { UserPoolClient: describeClient(await updateClient(services, pool, client, ClientName, settings)) };
  },
});
