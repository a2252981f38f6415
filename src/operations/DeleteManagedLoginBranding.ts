import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { deleteBranding } from '../pools/managed-login-branding.ts';
import { brandingId } from './branding-shapes.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteManagedLoginBranding.html

export default operation({
  name: 'DeleteManagedLoginBranding',
  auth: 'signed',
  storedOnly: true,
  note: 'No managed login pages yet.',
  input: z.object({ ManagedLoginBrandingId: brandingId(), UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    await deleteBranding(services, pool, req.ManagedLoginBrandingId);
    return {};
  },
});
