import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { signingCertificate } from '../pools/signing-certificate.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetSigningCertificate.html

export default operation({
  name: 'GetSigningCertificate',
  auth: 'signed',
  note: 'One certificate per pool, not renewed yearly.',
  input: z.object({ UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return { Certificate: await signingCertificate(services, pool) };
  },
});
