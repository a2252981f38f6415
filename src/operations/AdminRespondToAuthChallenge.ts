// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRespondToAuthChallenge.html
import { respond } from '../auth/engine.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { adminContextData, originOf, respondMembers } from './auth-shapes.ts';
import { operation } from './operation.ts';

const { UserContextData: _ignored, ...members } = respondMembers;

export default operation({
  name: 'AdminRespondToAuthChallenge',
  auth: 'signed',
  input: z.object({ ...members, UserPoolId: shapes.userPoolId(), ContextData: adminContextData.optional() }),
  async handler(req, ctx) {
    const { services } = ctx;
    return {
      ...(await respond(services, {
        admin: true,
        poolId: req.UserPoolId,
        clientId: req.ClientId,
        challengeName: req.ChallengeName,
        responses: req.ChallengeResponses ?? {},
        session: req.Session,
        clientMetadata: req.ClientMetadata,
        origin: originOf(ctx, req.ContextData),
      })),
    };
  },
});
