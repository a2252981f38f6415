// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html
import { initiate } from '../auth/engine.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { adminContextData, initiateAuthMembers, originOf } from './auth-shapes.ts';
import { operation } from './operation.ts';

const { UserContextData: _ignored, ...members } = initiateAuthMembers;

export default operation({
  name: 'AdminInitiateAuth',
  auth: 'signed',
  input: z.object({ ...members, UserPoolId: shapes.userPoolId(), ContextData: adminContextData.optional() }),
  async handler(req, ctx) {
    const { services } = ctx;
    return {
      ...(await initiate(services, {
        admin: true,
        poolId: req.UserPoolId,
        clientId: req.ClientId,
        flow: req.AuthFlow,
        params: req.AuthParameters ?? {},
        clientMetadata: req.ClientMetadata,
        origin: originOf(ctx, req.ContextData),
        session: req.Session,
      })),
    };
  },
});
