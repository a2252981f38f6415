import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { setClientSessionConfiguration } from '../pools/session-configuration.ts';
import { operation } from './operation.ts';
import { int, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolClientSessionConfiguration.html

export default operation({
  name: 'SetUserPoolClientSessionConfiguration',
  auth: 'signed',
  storedOnly: true,
  note: 'No SSO sessions yet (they come with the hosted pages).',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    ClientId: shapes.clientId(),
    SSOSession: z.object({ MaxValidityMinutes: int({ min: 0, max: 129600 }) }),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const client = await loadClient(services, req.ClientId, pool.id);
    await setClientSessionConfiguration(services, pool, client, req.SSOSession.MaxValidityMinutes);
    return { UserPoolId: pool.id, ClientId: client.clientId, SSOSession: { MaxValidityMinutes: req.SSOSession.MaxValidityMinutes } };
  },
});
