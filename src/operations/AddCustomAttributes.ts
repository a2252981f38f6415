import { z } from 'zod';
import { addCustomAttributes } from '../pools/custom-attributes.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { schemaAttribute } from './pool-shapes.ts';
import { list, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html

export default operation({
  name: 'AddCustomAttributes',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), CustomAttributes: list(schemaAttribute, { min: 1, max: 25 }) }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    await addCustomAttributes(services, pool, req.CustomAttributes);
    return {};
  },
});
