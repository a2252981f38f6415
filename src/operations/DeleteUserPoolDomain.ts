import { z } from 'zod';
import { deleteDomain } from '../pools/domains.ts';
import { loadPool } from '../pools/load.ts';
import { domainName } from './domain-shapes.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolDomain.html

export default operation({
  name: 'DeleteUserPoolDomain',
  auth: 'signed',
  input: z.object({ Domain: domainName(), UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    await deleteDomain(services, pool, req.Domain);
    return {};
  },
});
