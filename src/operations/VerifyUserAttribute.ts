import { fail } from '../errors.ts';
import { redeemCode } from '../messages/codes.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { operation } from './operation.ts';
import { isVerifiable } from './self-service.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html

export default operation({
  name: 'VerifyUserAttribute',
  auth: 'token',
  input: z.object({
    AccessToken: shapes.token(),
    AttributeName: shapes.attributeName(),
    Code: shapes.confirmationCode(),
  }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    const name = req.AttributeName;
    if (!isVerifiable(name)) throw fail('InvalidParameterException', `Invalid attribute name: ${name} cannot be verified.`);
    const pending = user.pendingAttributes?.[name];
    if (!user.attributes[name] && pending === undefined) throw fail('InvalidParameterException', `User has no value for attribute ${name}.`);
    await redeemCode(services, pool.id, user.username, `verify:${name}`, req.Code);
    // A value held back for verification (AttributesRequireVerificationBeforeUpdate) becomes the active one.
    if (pending !== undefined) {
      user.attributes[name] = pending;
      delete user.pendingAttributes![name];
    }
    user.attributes[`${name}_verified`] = 'true';
    // In alias pools a verified email / phone number becomes a sign-in alias (AliasExistsException
    // when another user holds it).
    await saveUser(services, pool, user);
    return {};
  },
});
