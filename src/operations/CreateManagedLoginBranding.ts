import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { createBranding } from '../pools/managed-login-branding.ts';
import { brandingMembers } from './branding-shapes.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateManagedLoginBranding.html

export default operation({
  name: 'CreateManagedLoginBranding',
  auth: 'signed',
  storedOnly: true,
  note: 'No managed login pages yet.',
  input: z.object({ UserPoolId: shapes.userPoolId(), ClientId: shapes.clientId(), ...brandingMembers }),
  async handler(req, { services }) {
    const { UserPoolId, ClientId, ...input } = req;
    const pool = await loadPool(services, UserPoolId);
    const client = await loadClient(services, ClientId, pool.id);
    return { ManagedLoginBranding: await createBranding(services, pool, client, input) };
  },
});
