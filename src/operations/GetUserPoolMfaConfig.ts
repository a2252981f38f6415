import { z } from 'zod';
import { shapes } from './shapes.ts';
import { loadPool } from '../pools/load.ts';
import { mfaConfigResponse } from './mfa.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserPoolMfaConfig.html

export default operation({
  name: 'GetUserPoolMfaConfig',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return mfaConfigResponse(pool.config);
  },
});
