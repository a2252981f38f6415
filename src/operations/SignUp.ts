import { fail } from '../errors.ts';
import { checkPasswordPolicy } from '../domain/password.ts';
import { schemaOf } from '../domain/pool.ts';
import type { AppClient, UserPool } from '../domain/types.ts';
import { type AttributeInput, checkAttributes, missingRequired } from '../domain/user.ts';
import { codeLifetime, issueCode } from '../messages/codes.ts';
import { codeDeliveryDetails, send, verificationDestination, verificationText } from '../messages/outbox.ts';
import { shapes, z } from '../protocol/shapes.ts';
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

    // PreSignUp_SignUp trigger point (pool-model.md §4.4): it will run here, before the user is
    // written, and may auto-confirm the user or auto-verify email / phone_number.

    const user = await createUser(services, pool, {
      username: req.Username,
      attributes,
      status: 'UNCONFIRMED',
      ...(req.Password !== undefined ? { password: req.Password } : {}),
    });

    const to = verificationDestination(pool, user);
    let CodeDeliveryDetails: ReturnType<typeof codeDeliveryDetails> | undefined;
    if (to) {
      const code = await issueCode(services, pool.id, user.username, 'signup', codeLifetime.signup);
      await send(services, { poolId: pool.id, username: user.username, to, text: verificationText(pool, to.channel, code), code, purpose: 'signup' });
      CodeDeliveryDetails = codeDeliveryDetails(to);
    }
    return { UserConfirmed: false, UserSub: user.sub, ...(CodeDeliveryDetails ? { CodeDeliveryDetails } : {}) };
  },
});
