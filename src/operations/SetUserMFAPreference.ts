import { applyMfaPreferences } from '../domain/mfa.ts';
import { shapes, z } from '../protocol/shapes.ts';
import { authenticate } from '../tokens/access.ts';
import { mfaPreferenceSettings, preferencesOf } from './mfa.ts';
import { operation } from './operation.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html

export default operation({
  name: 'SetUserMFAPreference',
  input: z.object({ AccessToken: shapes.token(), ...mfaPreferenceSettings }),
  async handler(req, { services }) {
    const { pool, user } = await authenticate(services, req.AccessToken);
    applyMfaPreferences(pool.config, user, preferencesOf(req));
    await saveUser(services, pool, user);
    return {};
  },
});
