// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
import { initiate } from '../auth/engine.ts';
import { z } from 'zod';
import { initiateAuthMembers, originOf } from './auth-shapes.ts';
import { operation } from './operation.ts';

export default operation({
  name: 'InitiateAuth',
  auth: 'public',
  input: z.object(initiateAuthMembers),
  async handler(req, ctx) {
    const { services } = ctx;
    return {
      ...(await initiate(services, {
        admin: false,
        clientId: req.ClientId,
        flow: req.AuthFlow,
        params: req.AuthParameters ?? {},
        clientMetadata: req.ClientMetadata,
        origin: originOf(ctx, req.UserContextData),
        session: req.Session,
      })),
    };
  },
});
