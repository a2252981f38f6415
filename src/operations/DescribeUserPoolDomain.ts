import { z } from 'zod';
import { describeDomain } from './domain-type.ts';
import { domainName } from './domain-shapes.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolDomain.html

export default operation({
  name: 'DescribeUserPoolDomain',
  auth: 'signed',
  input: z.object({ Domain: domainName() }),
  async handler(req, { services }) {
    const domain = await services.stores.domains.get(req.Domain);
    // An unknown domain is not an error: Cognito answers an empty description (tools test for it).
    return { DomainDescription: domain ? describeDomain(domain, services.config.region) : {} };
  },
});
