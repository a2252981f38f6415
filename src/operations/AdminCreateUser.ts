import { z } from 'zod';
import { userType } from '../domain/user.ts';
import { loadPool } from '../pools/load.ts';
import { adminCreateUser } from '../users/admin-create-user.ts';
import { operation } from './operation.ts';
import { enumOf, list, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html

export default operation({
  name: 'AdminCreateUser',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    UserAttributes: shapes.attributeList().optional(),
    ValidationData: shapes.attributeList().optional(),
    TemporaryPassword: shapes.password().optional(),
    ForceAliasCreation: z.boolean().optional(),
    MessageAction: enumOf(['RESEND', 'SUPPRESS']).optional(),
    DesiredDeliveryMediums: list(enumOf(['SMS', 'EMAIL'])).optional(),
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await adminCreateUser(services, pool, {
      username: req.Username,
      attributes: req.UserAttributes ?? [],
      validationData: req.ValidationData,
      temporaryPassword: req.TemporaryPassword,
      forceAliasCreation: req.ForceAliasCreation ?? false,
      messageAction: req.MessageAction,
      deliveryMediums: req.DesiredDeliveryMediums,
      clientMetadata: req.ClientMetadata,
    });
    return { User: userType(user) };
  },
});
