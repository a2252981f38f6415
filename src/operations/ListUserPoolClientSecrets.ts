import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClientSecrets.html

export default operation({
  name: 'ListUserPoolClientSecrets',
  auth: 'signed',
  // A client has at most two secrets: one page holds them all, and NextToken is never returned.
  input: z.object({ UserPoolId: shapes.userPoolId(), ClientId: shapes.clientId(), NextToken: shapes.paginationToken().optional() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const client = await loadClient(services, req.ClientId, pool.id);
    // The values are never listed.
    return { ClientSecrets: client.secrets.map((s) => ({ ClientSecretId: s.id, ClientSecretCreateDate: s.createdAt / 1000 })) };
  },
});
