import { z } from 'zod';
import { createClient } from '../pools/create-client.ts';
import { loadPool } from '../pools/load.ts';
import { clientName, clientSettings } from './client-shapes.ts';
import { describeClient } from './client-type.ts';
import { operation } from './operation.ts';
import { bool, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html

export default operation({
  name: 'CreateUserPoolClient',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    ClientName: clientName(),
    GenerateSecret: bool().optional(),
    ClientSecret: shapes.clientSecret().optional(),
    ...clientSettings,
  }),
  async handler(req, { services }) {
    const { UserPoolId, ClientName, GenerateSecret, ClientSecret, ...settings } = req;
    const pool = await loadPool(services, UserPoolId);
    const client = await createClient(services, pool, ClientName, settings, GenerateSecret === true, ClientSecret);
    return { UserPoolClient: describeClient(client) };
  },
});
