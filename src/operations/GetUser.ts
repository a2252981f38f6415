import { attributeList, mfaMembers } from '../domain/user.ts';
import { shapes, z } from '../protocol/shapes.ts';
import { authenticate } from '../tokens/access.ts';
import { readableBy } from '../tokens/issue.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html

export default operation({
  name: 'GetUser',
  input: z.object({ AccessToken: shapes.token() }),
  async handler(req, { services }) {
    const { client, user } = await authenticate(services, req.AccessToken);
    return {
      Username: user.username,
      // Only what the client may read (as in the ID token); `sub` always.
      UserAttributes: attributeList(user.attributes, readableBy(client)),
      ...mfaMembers(user),
    };
  },
});
