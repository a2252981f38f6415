import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { clientSessionConfiguration } from '../pools/session-configuration.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserPoolClientSessionConfiguration.html

export default operation({
  name: 'GetUserPoolClientSessionConfiguration',
  auth: 'signed',
  storedOnly: true,
  note: 'No SSO sessions yet (they come with the hosted pages).',
  input: z.object({ UserPoolId: shapes.userPoolId(), ClientId: shapes.clientId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const client = await loadClient(services, req.ClientId, pool.id);
    return { UserPoolId: pool.id, ClientId: client.clientId, ...(await clientSessionConfiguration(services, client)) };
  },
});
