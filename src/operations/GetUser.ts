import { attributeList, mfaMembers } from '../domain/user.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { readableBy } from '../tokens/issue.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html

export default operation({
  name: 'GetUser',
  auth: 'token',
  input: z.object({ AccessToken: shapes.token() }),
  async handler(_req, { caller }) {
    const { client, user } = caller;
    return {
      Username: user.username,
      // Only what the client may read (as in the ID token); `sub` always.
      UserAttributes: attributeList(user.attributes, readableBy(client)),
      ...mfaMembers(user),
    };
  },
});
