import { applyLegacyMfaOptions } from '../domain/mfa.ts';
import { shapes, z } from '../protocol/shapes.ts';
import { authenticate } from '../tokens/access.ts';
import { mfaOptions } from './mfa.ts';
import { operation } from './operation.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserSettings.html

export default operation({
  name: 'SetUserSettings',
  input: z.object({ AccessToken: shapes.token(), MFAOptions: mfaOptions() }),
  async handler(req, { services }) {
    const { pool, user } = await authenticate(services, req.AccessToken);
    applyLegacyMfaOptions(pool.config, user, req.MFAOptions);
    await saveUser(services, pool, user);
    return {};
  },
});
