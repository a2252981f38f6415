import { fail } from '../errors.ts';
import { checkPasswordPolicy, generateTemporaryPassword } from '../domain/password.ts';
import type { User, UserPool } from '../domain/types.ts';
import { checkAttributes, userType, usesUsernameAttributes } from '../domain/user.ts';
import { type Destination, destinationOf } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import { attributeMap, metadataOf } from '../triggers/event.ts';
import { hasTrigger, invokeTrigger } from '../triggers/invoker.ts';
import { preSignUpEvent } from '../triggers/PreSignUp.ts';
import { z } from 'zod';
import { enumOf, list, shapes } from './shapes.ts';
import type { Services } from '../services.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { createUser, resolveNewUsername, saveUser, setPassword } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html

type Medium = 'SMS' | 'EMAIL';

/**
 * Where the invitation goes. Mediums the caller names must have their attribute
 * (InvalidParameterException otherwise); with none named, SMS when the user has a phone
 * number, else email, else nothing is sent.
 */
function invitationDestinations(attributes: Record<string, string>, mediums: Medium[] | undefined): Destination[] {
  const email = attributes.email ? destinationOf('email', attributes.email) : undefined;
  const phone = attributes.phone_number ? destinationOf('phone_number', attributes.phone_number) : undefined;
  if (!mediums || mediums.length === 0) {
    const fallback = phone ?? email;
    return fallback ? [fallback] : [];
  }
  return [...new Set(mediums)].map((medium) => {
    const to = medium === 'EMAIL' ? email : phone;
    if (!to) {
      throw fail(
        'InvalidParameterException',
        medium === 'EMAIL' ? 'No email provided but desired delivery medium was Email' : 'No phone_number provided but desired delivery medium was Sms',
      );
    }
    return to;
  });
}

/** The name the invited user signs in with: the email/phone in username-attribute pools. */
function signInName(pool: UserPool, user: User): string {
  if (!usesUsernameAttributes(pool)) return user.username;
  return user.attributes.email ?? user.attributes.phone_number ?? user.username;
}

async function invite(
  services: Services,
  pool: UserPool,
  user: User,
  name: string,
  password: string,
  to: Destination[],
  clientMetadata: Record<string, string> | undefined,
) {
  for (const d of to) {
    await deliverCode(services, {
      pool,
      user,
      to: d,
      cause: 'AdminCreateUser',
      code: password,
      purpose: 'invitation',
      signInName: name,
      clientMetadata,
    });
  }
}

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
    if (req.TemporaryPassword !== undefined) checkPasswordPolicy(pool, req.TemporaryPassword, 'other');
    const password = req.TemporaryPassword ?? generateTemporaryPassword(pool);

    if (req.MessageAction === 'RESEND') {
      const user = await loadUser(services, pool, req.Username);
      if (user.status !== 'FORCE_CHANGE_PASSWORD') {
        throw fail('UnsupportedUserStateException', `Resend not possible. ${user.username} status is ${user.status}`);
      }
      const to = invitationDestinations(user.attributes, req.DesiredDeliveryMediums);
      setPassword(services, pool, user, password);
      await saveUser(services, pool, user);
      await invite(services, pool, user, signInName(pool, user), password, to, req.ClientMetadata);
      return { User: userType(user) };
    }

    const attributes = checkAttributes(pool, req.UserAttributes ?? [], 'create');
    for (const [name, value] of Object.entries(attributes)) if (value === '') delete attributes[name];
    // Refuse an undeliverable invitation before anything is stored.
    const implied = resolveNewUsername(pool, req.Username, attributes).attributes;
    const to = req.MessageAction === 'SUPPRESS' ? [] : invitationDestinations(implied, req.DesiredDeliveryMediums);
    // PreSignUp_AdminCreateUser (pool-model.md §4.4): it may refuse the user; its
    // auto-confirm / auto-verify answers are ignored here.
    if (hasTrigger(pool, 'PreSignUp')) {
      await invokeTrigger(
        services,
        pool,
        'PreSignUp',
        preSignUpEvent({ pool, userName: req.Username }, 'PreSignUp_AdminCreateUser', {
          userAttributes: implied,
          validationData: attributeMap(req.ValidationData),
          clientMetadata: metadataOf(req.ClientMetadata),
        }),
      );
    }
    const user = await createUser(services, pool, {
      username: req.Username,
      attributes,
      status: 'FORCE_CHANGE_PASSWORD',
      password,
      forceAliasCreation: req.ForceAliasCreation ?? false,
      usernameExistsMessage: 'User account already exists',
    });
    await invite(services, pool, user, usesUsernameAttributes(pool) ? req.Username : user.username, password, to, req.ClientMetadata);
    return { User: userType(user) };
  },
});
