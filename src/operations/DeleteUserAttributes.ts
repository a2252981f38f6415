import { removeAttributes } from '../domain/user.ts';
import { list, shapes, z } from '../protocol/shapes.ts';
import { authenticate } from '../tokens/access.ts';
import { operation } from './operation.ts';
import { unauthorizedAttribute } from './self-service.ts';
import { clientMayWrite } from './SignUp.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserAttributes.html

export default operation({
  name: 'DeleteUserAttributes',
  input: z.object({
    UserAttributeNames: list(shapes.attributeName()),
    AccessToken: shapes.token(),
  }),
  async handler(req, { services }) {
    const { pool, client, user } = await authenticate(services, req.AccessToken);
    if (req.UserAttributeNames.some((name) => !clientMayWrite(pool, client, name))) throw unauthorizedAttribute();
    removeAttributes(pool, user, req.UserAttributeNames);
    await saveUser(services, pool, user);
    return {};
  },
});
