import { z } from 'zod';
import { deleteAttributes } from '../users/attribute-updates.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserAttributes.html

export default operation({
  name: 'DeleteUserAttributes',
  auth: 'token',
  input: z.object({
    UserAttributeNames: shapes.attributeNames(),
    AccessToken: shapes.token(),
  }),
  async handler(req, { services, caller }) {
    const { pool, client, user } = caller;
    await deleteAttributes(services, pool, user, req.UserAttributeNames, client);
    return {};
  },
});
