import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { brandingOfClient, describeBranding } from '../pools/managed-login-branding.ts';
import { operation } from './operation.ts';
import { bool, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeManagedLoginBrandingByClient.html

export default operation({
  name: 'DescribeManagedLoginBrandingByClient',
  auth: 'signed',
  storedOnly: true,
  note: 'No managed login pages yet; ReturnMergedResources merges no defaults in.',
  input: z.object({ UserPoolId: shapes.userPoolId(), ClientId: shapes.clientId(), ReturnMergedResources: bool().optional() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const client = await loadClient(services, req.ClientId, pool.id);
    return { ManagedLoginBranding: describeBranding(await brandingOfClient(services, pool, client)) };
  },
});
