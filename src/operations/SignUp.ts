import { z } from 'zod';
import { codeDeliveryDetails } from '../messages/outbox.ts';
import { signUp } from '../users/sign-up.ts';
import { operation } from './operation.ts';
import { publicRequest } from './public-request.ts';
import { contextMembers, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html

export default operation({
  name: 'SignUp',
  auth: 'public',
  input: z.object({
    ClientId: shapes.clientId(),
    SecretHash: shapes.secretHash().optional(),
    Username: shapes.username(),
    Password: shapes.password().optional(),
    UserAttributes: shapes.attributeList().optional(),
    ValidationData: shapes.attributeList().optional(),
    ClientMetadata: shapes.clientMetadata().optional(),
    ...contextMembers,
  }),
  async handler(req, { services }) {
    const { client, pool } = await publicRequest(services, req);
    const out = await signUp(services, {
      client,
      pool,
      username: req.Username,
      password: req.Password,
      attributes: req.UserAttributes ?? [],
      validationData: req.ValidationData,
      clientMetadata: req.ClientMetadata,
    });
    return {
      UserConfirmed: out.confirmed,
      UserSub: out.user.sub,
      ...(out.delivery ? { CodeDeliveryDetails: codeDeliveryDetails(out.delivery) } : {}),
      Session: out.session,
    };
  },
});
