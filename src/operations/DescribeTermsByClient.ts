import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { describeTerms, termsOfClient } from '../pools/terms.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';
import { termsName } from './terms-shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeTermsByClient.html

export default operation({
  name: 'DescribeTermsByClient',
  auth: 'signed',
  storedOnly: true,
  note: 'No managed login pages show them yet.',
  input: z.object({ ClientId: shapes.clientId(), UserPoolId: shapes.userPoolId(), TermsName: termsName() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const client = await loadClient(services, req.ClientId, pool.id);
    return { Terms: describeTerms(await termsOfClient(services, pool, client, req.TermsName)) };
  },
});
