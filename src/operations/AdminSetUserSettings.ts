import { applyLegacyMfaOptions } from '../domain/mfa.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { mfaOptions } from './mfa.ts';
import { operation } from './operation.ts';
import { saveUser } from '../users/write-user.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserSettings.html

export default operation({
  name: 'AdminSetUserSettings',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), Username: shapes.username(), MFAOptions: mfaOptions() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    applyLegacyMfaOptions(pool.config, user, req.MFAOptions);
    await saveUser(services, pool, user);
    return {};
  },
});
