import { z } from 'zod';
import { addClientSecret } from '../pools/client-secrets.ts';
import { loadClient, loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html

export default operation({
  name: 'AddUserPoolClientSecret',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), ClientId: shapes.clientId(), ClientSecret: shapes.clientSecret().optional() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const client = await loadClient(services, req.ClientId, pool.id);
    const secret = await addClientSecret(services, client, req.ClientSecret);
    return {
      ClientSecretDescriptor: {
        ClientSecretId: secret.id,
        // Shown only when cognate made it: the caller already knows a secret it chose.
        ...(req.ClientSecret === undefined ? { ClientSecretValue: secret.value } : {}),
        ClientSecretCreateDate: secret.createdAt / 1000,
      },
    };
  },
});
