import { z } from 'zod';
import { updateDomain } from '../pools/domains.ts';
import { loadPool } from '../pools/load.ts';
import { domainMembers, domainName } from './domain-shapes.ts';
import { cloudFrontDomain } from './domain-type.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolDomain.html

export default operation({
  name: 'UpdateUserPoolDomain',
  auth: 'signed',
  input: z.object({ Domain: domainName(), UserPoolId: shapes.userPoolId(), ...domainMembers }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const domain = await updateDomain(services, pool, req.Domain, req);
    return {
      ManagedLoginVersion: domain.managedLoginVersion,
      ...(domain.kind === 'custom' ? { CloudFrontDomain: cloudFrontDomain(domain.domain) } : {}),
    };
  },
});
