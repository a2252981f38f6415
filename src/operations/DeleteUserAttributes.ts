import { removeAttributes } from '../domain/user.ts';
import { z } from 'zod';
import { list, shapes } from './shapes.ts';
import { operation } from './operation.ts';
import { unauthorizedAttribute } from './self-service.ts';
import { clientMayWrite } from './SignUp.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserAttributes.html

export default operation({
  name: 'DeleteUserAttributes',
  auth: 'token',
  input: z.object({
    UserAttributeNames: list(shapes.attributeName()),
    AccessToken: shapes.token(),
  }),
  async handler(req, { services, caller }) {
    const { pool, client, user } = caller;
    if (req.UserAttributeNames.some((name) => !clientMayWrite(pool, client, name))) throw unauthorizedAttribute();
    removeAttributes(pool, user, req.UserAttributeNames);
    await saveUser(services, pool, user);
    return {};
  },
});
