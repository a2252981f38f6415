import { applyLegacyMfaOptions } from '../domain/mfa.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { mfaOptions } from './mfa.ts';
import { operation } from './operation.ts';
import { saveUser } from '../users/write-user.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserSettings.html

export default operation({
  name: 'SetUserSettings',
  auth: 'token',
  input: z.object({ AccessToken: shapes.token(), MFAOptions: mfaOptions() }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    applyLegacyMfaOptions(pool.config, user, req.MFAOptions);
    await saveUser(services, pool, user);
    return {};
  },
});
