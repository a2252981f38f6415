import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { describeBranding, loadBranding } from '../pools/managed-login-branding.ts';
import { brandingId } from './branding-shapes.ts';
import { operation } from './operation.ts';
import { bool, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeManagedLoginBranding.html

export default operation({
  name: 'DescribeManagedLoginBranding',
  auth: 'signed',
  storedOnly: true,
  note: 'No managed login pages yet; ReturnMergedResources merges no defaults in.',
  // ReturnMergedResources asks for Cognito's defaults merged in; cognate has none to merge.
  input: z.object({ UserPoolId: shapes.userPoolId(), ManagedLoginBrandingId: brandingId(), ReturnMergedResources: bool().optional() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return { ManagedLoginBranding: describeBranding(await loadBranding(services, pool, req.ManagedLoginBrandingId)) };
  },
});
