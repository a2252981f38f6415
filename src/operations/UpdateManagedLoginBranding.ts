import { z } from 'zod';
import { fail } from '../errors.ts';
import { loadPool } from '../pools/load.ts';
import { updateBranding } from '../pools/managed-login-branding.ts';
import { brandingId, brandingMembers } from './branding-shapes.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateManagedLoginBranding.html

export default operation({
  name: 'UpdateManagedLoginBranding',
  auth: 'signed',
  storedOnly: true,
  note: 'No managed login pages yet.',
  // Both ids are optional in the model, yet nothing else says which style to change.
  input: z.object({ UserPoolId: shapes.userPoolId().optional(), ManagedLoginBrandingId: brandingId().optional(), ...brandingMembers }),
  async handler(req, { services }) {
    const { UserPoolId, ManagedLoginBrandingId, ...input } = req;
    if (UserPoolId === undefined || ManagedLoginBrandingId === undefined) {
      throw fail('InvalidParameterException', 'UserPoolId and ManagedLoginBrandingId are required.');
    }
    const pool = await loadPool(services, UserPoolId);
    return { ManagedLoginBranding: await updateBranding(services, pool, ManagedLoginBrandingId, input) };
  },
});
