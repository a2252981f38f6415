import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { setPoolSessionConfiguration } from '../pools/session-configuration.ts';
import { operation } from './operation.ts';
import { enumOf, int, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolSessionConfiguration.html

export default operation({
  name: 'SetUserPoolSessionConfiguration',
  auth: 'signed',
  note: 'With tracking ENABLED, MaxPerUser ends the least recently used token sessions; sessions are listed whatever the setting.',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    UserSessionTracking: enumOf(['ENABLED', 'DISABLED']),
    TokenSession: z.object({ MaxPerUser: int({ min: 1, max: 100 }) }),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const configuration = { UserSessionTracking: req.UserSessionTracking, TokenSession: { MaxPerUser: req.TokenSession.MaxPerUser } };
    await setPoolSessionConfiguration(services, pool, configuration);
    return { UserPoolId: pool.id, ...configuration };
  },
});
