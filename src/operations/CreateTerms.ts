import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { createTerms } from '../pools/terms.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';
import { termsMembers, termsName } from './terms-shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateTerms.html

export default operation({
  name: 'CreateTerms',
  auth: 'signed',
  storedOnly: true,
  note: 'No managed login pages show them yet.',
  input: z.object({ UserPoolId: shapes.userPoolId(), ClientId: shapes.clientId(), TermsName: termsName(), ...termsMembers }),
  async handler(req, { services }) {
    const { UserPoolId, ClientId, ...input } = req;
    const pool = await loadPool(services, UserPoolId);
    const client = await loadClient(services, ClientId, pool.id);
    return { Terms: await createTerms(services, pool, client, input) };
  },
});
