// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html
import { fail } from '../errors.ts';
import { openSignUpSession } from '../sessions/sign-up-session.ts';
import { checkPasswordPolicy } from '../domain/password.ts';
import type { AppClient, User, UserPool } from '../domain/types.ts';
import { type AttributeInput, checkAttributes, missingRequired } from '../domain/user.ts';
import { type Destination, verificationDestination } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import { attributeMap, metadataOf } from '../triggers/event.ts';
import { hasTrigger, invokeTrigger } from '../triggers/invoker.ts';
import { preSignUpEvent } from '../triggers/PreSignUp.ts';
import type { Services } from '../services.ts';
import { assertClientMayWrite } from './attribute-permissions.ts';
import { codeLifetime, issueCode } from './codes.ts';
import { createUser, resolveNewUsername } from './write-user.ts';

export interface SignUpRequest {
  client: AppClient;
  pool: UserPool;
  /** The name as given (an email or phone number in username-attribute pools). */
  username: string;
  /** May be left out where the pool allows a passwordless first factor. */
  password: string | undefined;
  attributes: AttributeInput[];
  /** Handed to the PreSignUp trigger only. */
  validationData: AttributeInput[] | undefined;
  clientMetadata: Record<string, string> | undefined;
}

export interface SignedUp {
  user: User;
  /** Confirmed at once (by the PreSignUp trigger); otherwise a code was sent, when the pool auto-verifies an address the user has. */
  confirmed: boolean;
  /** Where the confirmation code went. */
  delivery: Destination | undefined;
  /** The Session that lets the user sign in with USER_AUTH once confirmed, without a second prompt. */
  session: string;
}

/** Passwordless first factors let a user sign up without a password. */
function passwordOptional(pool: UserPool): boolean {
  const factors = pool.config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [];
  return factors.some((f) => f !== 'PASSWORD');
}

/** Whether users may sign themselves up (the hosted pages offer the sign-up page only then). */
export function selfSignUpAllowed(pool: UserPool): boolean {
  return pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly !== true;
}

/**
 * A user signs themself up through an app client: the attributes the client may write and the
 * schema accepts, the required ones present, the password policy met; then the PreSignUp
 * trigger may refuse, confirm or verify; the user is created UNCONFIRMED (or CONFIRMED) and a
 * confirmation code is sent to the address the pool auto-verifies.
 */
export async function signUp(services: Services, req: SignUpRequest): Promise<SignedUp> {
  const { client, pool } = req;
  if (!selfSignUpAllowed(pool)) {
    throw fail('NotAuthorizedException', 'SignUp is not permitted for this user pool');
  }
  // Cognito refuses a write the client may not make before looking at the schema.
  assertClientMayWrite(
    pool,
    client,
    req.attributes.map((a) => a.Name),
  );
  const attributes = checkAttributes(pool, req.attributes, 'create');
  // In username-attribute pools the Username itself supplies email / phone_number.
  const implied = resolveNewUsername(pool, req.username, attributes).attributes;
  const missing = missingRequired(pool, implied);
  if (missing.length > 0) {
    throw fail(
      'InvalidParameterException',
      `Attributes did not conform to the schema: ${missing.map((name) => `${name}: The attribute is required`).join('\n')}`,
    );
  }
  if (req.password === undefined) {
    if (!passwordOptional(pool)) {
      throw fail('InvalidParameterException', "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must not be null");
    }
  } else {
    checkPasswordPolicy(pool, req.password, 'signup');
  }

  // PreSignUp_SignUp (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html):
  // before the user is written, it may refuse the sign-up, confirm the user, or mark email /
  // phone_number verified.
  let confirmed = false;
  let verified = false;
  if (hasTrigger(pool, 'PreSignUp')) {
    const answer = await invokeTrigger(
      services,
      pool,
      'PreSignUp',
      preSignUpEvent({ pool, userName: req.username, clientId: client.clientId }, 'PreSignUp_SignUp', {
        userAttributes: implied,
        validationData: attributeMap(req.validationData),
        clientMetadata: metadataOf(req.clientMetadata),
      }),
    );
    confirmed = answer.autoConfirmUser === true;
    for (const [wanted, kind] of [
      [answer.autoVerifyEmail, 'email'],
      [answer.autoVerifyPhone, 'phone_number'],
    ] as const) {
      if (wanted !== true) continue;
      if (!implied[kind]) throw fail('InvalidParameterException', `Cannot auto verify ${kind}: the user has no ${kind}.`);
      attributes[`${kind}_verified`] = 'true';
      verified = true;
    }
  }

  const user = await createUser(services, pool, {
    username: req.username,
    attributes,
    status: confirmed ? 'CONFIRMED' : 'UNCONFIRMED',
    ...(req.password !== undefined ? { password: req.password } : {}),
    // An address the trigger verified takes its alias over from whoever held it.
    forceAliasCreation: verified,
  });

  const delivery = confirmed ? undefined : verificationDestination(pool, user);
  if (delivery) {
    const code = await issueCode(services, pool.id, user.username, 'signup', codeLifetime.signup);
    await deliverCode(services, {
      pool,
      user,
      to: delivery,
      cause: 'SignUp',
      code,
      purpose: 'signup',
      clientId: client.clientId,
      clientMetadata: req.clientMetadata,
    });
  }
  const session = await openSignUpSession(services, client, user.username, confirmed ? 'confirmed' : 'signed-up');
  return { user, confirmed, delivery, session };
}
