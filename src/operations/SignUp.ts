import { fail } from '../errors.ts';
import { checkPasswordPolicy } from '../domain/password.ts';
import { schemaOf } from '../domain/pool.ts';
import type { AppClient, UserPool } from '../domain/types.ts';
import { type AttributeInput, checkAttributes, missingRequired } from '../domain/user.ts';
import { codeLifetime, issueCode } from '../messages/codes.ts';
import { codeDeliveryDetails, verificationDestination } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import { attributeMap, metadataOf } from '../triggers/event.ts';
import { hasTrigger, invokeTrigger } from '../triggers/invoker.ts';
import { preSignUpEvent } from '../triggers/PreSignUp.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { openSignUpSession } from '../auth/sign-up-session.ts';
import { operation } from './operation.ts';
import { contextMembers, publicRequest } from './recovery.ts';
import { createUser, resolveNewUsername } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html

export const input = z.object({
  ClientId: shapes.clientId(),
  SecretHash: shapes.secretHash().optional(),
  Username: shapes.username(),
  Password: shapes.password().optional(),
  UserAttributes: shapes.attributeList().optional(),
  ValidationData: shapes.attributeList().optional(),
  ClientMetadata: shapes.clientMetadata().optional(),
  ...contextMembers,
});

const VERIFIED_FLAGS = new Set(['email_verified', 'phone_number_verified']);

/**
 * Whether the app client may write `name` on behalf of a user. The verified flags never are
 * (a user must not vouch for their own address); otherwise the client's WriteAttributes decide,
 * unset meaning every attribute of the schema except developer-only ones. Required attributes are
 * always writable.
 */
export function clientMayWrite(pool: UserPool, client: AppClient, name: string): boolean {
  if (VERIFIED_FLAGS.has(name) || name === 'sub') return false;
  const schema = schemaOf(pool.config).find((a) => a.Name === name);
  if (schema?.Required) return true;
  const allowed = client.config.WriteAttributes;
  if (allowed) return allowed.includes(name);
  return schema !== undefined && !schema.DeveloperOnlyAttribute && !name.startsWith('dev:');
}

/** Passwordless first factors let SignUp omit the password (pool-model.md §2.7). */
function passwordOptional(pool: UserPool): boolean {
  const factors = pool.config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [];
  return factors.some((f) => f !== 'PASSWORD');
}

export default operation({
  name: 'SignUp',
  auth: 'public',
  input,
  async handler(req, { services }) {
    const { client, pool } = await publicRequest(services, req);
    if (pool.config.AdminCreateUserConfig?.AllowAdminCreateUserOnly) {
      throw fail('NotAuthorizedException', 'SignUp is not permitted for this user pool');
    }
    const given: AttributeInput[] = req.UserAttributes ?? [];
    // Cognito refuses a write the client may not make before looking at the schema.
    if (given.some((a) => !clientMayWrite(pool, client, a.Name))) {
      throw fail('NotAuthorizedException', 'A client attempted to write unauthorized attribute');
    }
    const attributes = checkAttributes(pool, given, 'create');
    // In username-attribute pools the Username itself supplies email / phone_number.
    const implied = resolveNewUsername(pool, req.Username, attributes).attributes;
    const missing = missingRequired(pool, implied);
    if (missing.length > 0) {
      throw fail(
        'InvalidParameterException',
        `Attributes did not conform to the schema: ${missing.map((name) => `${name}: The attribute is required`).join('\n')}`,
      );
    }
    if (req.Password === undefined) {
      if (!passwordOptional(pool)) {
        throw fail('InvalidParameterException', "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must not be null");
      }
    } else {
      checkPasswordPolicy(pool, req.Password, 'signup');
    }

    // PreSignUp_SignUp (pool-model.md §4.4): before the user is written, it may refuse the
    // sign-up, confirm the user, or mark email / phone_number verified.
    let confirmed = false;
    let verified = false;
    if (hasTrigger(pool, 'PreSignUp')) {
      const answer = await invokeTrigger(
        services,
        pool,
        'PreSignUp',
        preSignUpEvent({ pool, userName: req.Username, clientId: client.clientId }, 'PreSignUp_SignUp', {
          userAttributes: implied,
          validationData: attributeMap(req.ValidationData),
          clientMetadata: metadataOf(req.ClientMetadata),
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
      username: req.Username,
      attributes,
      status: confirmed ? 'CONFIRMED' : 'UNCONFIRMED',
      ...(req.Password !== undefined ? { password: req.Password } : {}),
      // An address the trigger verified takes its alias over from whoever held it.
      forceAliasCreation: verified,
    });

    const to = confirmed ? undefined : verificationDestination(pool, user);
    let CodeDeliveryDetails: ReturnType<typeof codeDeliveryDetails> | undefined;
    if (to) {
      const code = await issueCode(services, pool.id, user.username, 'signup', codeLifetime.signup);
      await deliverCode(services, {
        pool,
        user,
        to,
        cause: 'SignUp',
        code,
        purpose: 'signup',
        clientId: client.clientId,
        clientMetadata: req.ClientMetadata,
      });
      CodeDeliveryDetails = codeDeliveryDetails(to);
    }
    // The Session that lets a confirmed user sign in with USER_AUTH without a second factor prompt.
    const Session = await openSignUpSession(services, client, user.username, confirmed ? 'confirmed' : 'signed-up');
    return { UserConfirmed: confirmed, UserSub: user.sub, ...(CodeDeliveryDetails ? { CodeDeliveryDetails } : {}), Session };
  },
});
