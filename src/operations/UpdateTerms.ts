import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { updateTerms } from '../pools/terms.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';
import { termsId, termsMembers, termsName } from './terms-shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateTerms.html

export default operation({
  name: 'UpdateTerms',
  auth: 'signed',
  storedOnly: true,
  note: 'No managed login pages show them yet.',
  input: z.object({
    TermsId: termsId(),
    UserPoolId: shapes.userPoolId(),
    TermsName: termsName().optional(),
    TermsSource: termsMembers.TermsSource.optional(),
    Enforcement: termsMembers.Enforcement.optional(),
    Links: termsMembers.Links.optional(),
  }),
  async handler(req, { services }) {
    const { TermsId, UserPoolId, ...changes } = req;
    const pool = await loadPool(services, UserPoolId);
    return { Terms: await updateTerms(services, pool, TermsId, changes) };
  },
});
