import { z } from 'zod';
import { shapes } from './shapes.ts';
import { deleteClient } from '../pools/delete-client.ts';
import { loadClient, loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClient.html

export default operation({
  name: 'DeleteUserPoolClient',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), ClientId: shapes.clientId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const client = await loadClient(services, req.ClientId, pool.id);
    await deleteClient(services, client);
    return {};
  },
});
