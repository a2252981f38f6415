// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-create-user-accounts.html
import { fail } from '../errors.ts';
import { checkPasswordPolicy, generateTemporaryPassword } from '../domain/password.ts';
import type { User, UserPool } from '../domain/types.ts';
import { type AttributeInput, checkAttributes, usesUsernameAttributes } from '../domain/user.ts';
import { type Destination, destinationOf, invitationText, send } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import { attributeMap, metadataOf } from '../triggers/event.ts';
import { hasTrigger, invokeTrigger } from '../triggers/invoker.ts';
import { preSignUpEvent } from '../triggers/PreSignUp.ts';
import type { Services } from '../services.ts';
import { loadUser } from './find-user.ts';
import { setPassword } from './passwords.ts';
import { createUser, resolveNewUsername, saveUser } from './write-user.ts';

type Medium = 'SMS' | 'EMAIL';

export interface AdminCreateUserRequest {
  /** The name as given (an email or phone number in username-attribute pools). */
  username: string;
  attributes: AttributeInput[];
  /** Handed to the PreSignUp trigger only. */
  validationData: AttributeInput[] | undefined;
  /** Generated to meet the password policy when left out. */
  temporaryPassword: string | undefined;
  /** Take over an email / phone alias another user holds. */
  forceAliasCreation: boolean;
  /** RESEND: a new invitation (and temporary password) to an existing user; SUPPRESS: no invitation. */
  messageAction: 'RESEND' | 'SUPPRESS' | undefined;
  deliveryMediums: Medium[] | undefined;
  clientMetadata: Record<string, string> | undefined;
}

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
  if (to.length === 0) {
    // Cognito sends nothing to a user with neither email nor phone number, and the temporary
    // password is then known to no one: it is kept in the outbox and the log, so that a local
    // user can still sign in (GET /_cognate/messages).
    await send(services, {
      poolId: pool.id,
      username: user.username,
      to: undefined,
      text: invitationText(pool, 'EMAIL', name, password),
      code: password,
      purpose: 'invitation',
    });
    return;
  }
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

/**
 * An administrator creates a user with a temporary password (FORCE_CHANGE_PASSWORD) and invites
 * them, or (RESEND) invites an existing FORCE_CHANGE_PASSWORD user again with a new one.
 * Resolves the user as stored.
 */
export async function adminCreateUser(services: Services, pool: UserPool, req: AdminCreateUserRequest): Promise<User> {
  if (req.temporaryPassword !== undefined) checkPasswordPolicy(pool, req.temporaryPassword, 'other');
  const password = req.temporaryPassword ?? generateTemporaryPassword(pool);

  if (req.messageAction === 'RESEND') {
    const user = await loadUser(services, pool, req.username);
    if (user.status !== 'FORCE_CHANGE_PASSWORD') {
      throw fail('UnsupportedUserStateException', `Resend not possible. ${user.username} status is ${user.status}`);
    }
    const to = invitationDestinations(user.attributes, req.deliveryMediums);
    setPassword(services, pool, user, password);
    await saveUser(services, pool, user);
    await invite(services, pool, user, signInName(pool, user), password, to, req.clientMetadata);
    return user;
  }

  const attributes = checkAttributes(pool, req.attributes, 'create');
  for (const [name, value] of Object.entries(attributes)) if (value === '') delete attributes[name];
  // Refuse an undeliverable invitation before anything is stored.
  const implied = resolveNewUsername(pool, req.username, attributes).attributes;
  const to = req.messageAction === 'SUPPRESS' ? [] : invitationDestinations(implied, req.deliveryMediums);
  // PreSignUp_AdminCreateUser (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html):
  // it may refuse the user; its auto-confirm / auto-verify answers are ignored here.
  if (hasTrigger(pool, 'PreSignUp')) {
    await invokeTrigger(
      services,
      pool,
      'PreSignUp',
      preSignUpEvent({ pool, userName: req.username }, 'PreSignUp_AdminCreateUser', {
        userAttributes: implied,
        validationData: attributeMap(req.validationData),
        clientMetadata: metadataOf(req.clientMetadata),
      }),
    );
  }
  const user = await createUser(services, pool, {
    username: req.username,
    attributes,
    status: 'FORCE_CHANGE_PASSWORD',
    password,
    forceAliasCreation: req.forceAliasCreation,
    usernameExistsMessage: 'User account already exists',
  });
  if (req.messageAction !== 'SUPPRESS') {
    await invite(services, pool, user, usesUsernameAttributes(pool) ? req.username : user.username, password, to, req.clientMetadata);
  }
  return user;
}
