import { newClientId, newClientSecret } from '../domain/ids.ts';
import { z } from 'zod';
import { bool, shapes } from './shapes.ts';
import { clientConfig, clientName, clientSettings, describeClient, insertClient } from './client-shapes.ts';
import { loadPool } from './lookup.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html

export default operation({
  name: 'CreateUserPoolClient',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    ClientName: clientName(),
    GenerateSecret: bool().optional(),
    ...clientSettings,
  }),
  async handler(req, { services }) {
    const { UserPoolId, ClientName, GenerateSecret, ...settings } = req;
    const pool = await loadPool(services, UserPoolId);
    const config = clientConfig(pool, settings, 'creating');
    const secret = GenerateSecret ? newClientSecret() : undefined;
    const client = await insertClient(services, pool, ClientName, config, secret, newClientId());
    return { UserPoolClient: describeClient(client) };
  },
});
