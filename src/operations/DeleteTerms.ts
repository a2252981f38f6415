import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { deleteTerms } from '../pools/terms.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';
import { termsId } from './terms-shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteTerms.html

export default operation({
  name: 'DeleteTerms',
  auth: 'signed',
  storedOnly: true,
  note: 'No managed login pages show them yet.',
  input: z.object({ TermsId: termsId(), UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    await deleteTerms(services, pool, req.TermsId);
    return {};
  },
});
