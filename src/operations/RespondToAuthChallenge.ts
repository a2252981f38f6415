// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
import { respond } from '../auth/engine.ts';
import { z } from 'zod';
import { originOf, respondMembers } from './auth-shapes.ts';
import { operation } from './operation.ts';

export default operation({
  name: 'RespondToAuthChallenge',
  auth: 'public',
  input: z.object(respondMembers),
  async handler(req, ctx) {
    const { services } = ctx;
    return {
      ...(await respond(services, {
        admin: false,
        clientId: req.ClientId,
        challengeName: req.ChallengeName,
        responses: req.ChallengeResponses ?? {},
        session: req.Session,
        clientMetadata: req.ClientMetadata,
        origin: originOf(ctx, req.UserContextData),
      })),
    };
  },
});
