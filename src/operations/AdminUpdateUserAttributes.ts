import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { updateAttributes } from '../users/attribute-updates.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html

export default operation({
  name: 'AdminUpdateUserAttributes',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    UserAttributes: shapes.attributeList(),
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    await updateAttributes(services, { pool, user, attributes: req.UserAttributes, clientMetadata: req.ClientMetadata });
    return {};
  },
});
