import { z } from 'zod';
import { deleteClientSecret } from '../pools/client-secrets.ts';
import { loadClient, loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { shapes, str } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClientSecret.html

export default operation({
  name: 'DeleteUserPoolClientSecret',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), ClientId: shapes.clientId(), ClientSecretId: str({ min: 1, max: 128 }) }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const client = await loadClient(services, req.ClientId, pool.id);
    await deleteClientSecret(services, client, req.ClientSecretId);
    return {};
  },
});
