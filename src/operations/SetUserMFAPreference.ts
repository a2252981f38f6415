import { applyMfaPreferences } from '../domain/mfa.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { mfaPreferenceSettings, preferencesOf } from './mfa.ts';
import { operation } from './operation.ts';
import { saveUser } from '../users/write-user.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html

export default operation({
  name: 'SetUserMFAPreference',
  auth: 'token',
  input: z.object({ AccessToken: shapes.token(), ...mfaPreferenceSettings }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    applyMfaPreferences(pool.config, user, preferencesOf(req));
    await saveUser(services, pool, user);
    return {};
  },
});
