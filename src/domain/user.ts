import { fail } from '../errors.ts';
import { schemaOf } from './pool.ts';
import type { Alias, SchemaAttribute, User, UserPool } from './types.ts';

/** An attribute as it travels on the wire. */
export interface AttributeInput {
  Name: string;
  Value?: string | undefined;
}

/**
 * Why attributes are being written, which decides the rules that apply:
 * - `create`: SignUp / AdminCreateUser (immutable attributes may be set; required ones are checked by the caller);
 * - `update`: UpdateUserAttributes / AdminUpdateUserAttributes / NEW_PASSWORD_REQUIRED (immutable ones refused).
 */
export type AttributeWrite = 'create' | 'update';

const E164 = /^\+[0-9]{4,15}$/;

/** Whether a name has the shape of an email address (what Cognito checks of an `email` value). */
export const looksLikeEmail = (s: string): boolean => /^[^@\s]+@[^@\s]+$/.test(s);

/** Whether a name has the shape of a phone number: `+` and digits. */
export const looksLikePhone = (s: string): boolean => /^\+[0-9]+$/.test(s);

function invalid(message: string): never {
  throw fail('InvalidParameterException', message);
}

/** Finds an attribute of the pool's schema by its wire name (`email`, `custom:tier`, `dev:custom:x`). */
export function schemaAttribute(pool: UserPool, name: string): SchemaAttribute | undefined {
  return schemaOf(pool.config).find((a) => a.Name === name);
}

/**
 * Checks attribute names, mutability and value formats, and returns them as a map (last wins).
 * `sub` can never be written. Values are checked against the schema's type and constraints.
 */
export function checkAttributes(pool: UserPool, attributes: AttributeInput[], write: AttributeWrite): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { Name, Value } of attributes) {
    const value = Value ?? '';
    const schema = schemaAttribute(pool, Name);
    if (!schema || Name === 'sub') {
      invalid(`Attributes did not conform to the schema: ${Name}: Attribute does not exist in the schema.`);
    }
    if (write === 'update' && schema.Mutable === false) {
      invalid(`Attribute cannot be updated. (changing an immutable attribute): ${Name}`);
    }
    if (Name === 'email' && value !== '' && !looksLikeEmail(value)) invalid('Invalid email address format.');
    if (Name === 'phone_number' && value !== '' && !E164.test(value)) invalid('Invalid phone number format.');
    if ((Name === 'email_verified' || Name === 'phone_number_verified') && value !== 'true' && value !== 'false') {
      invalid(`Attributes did not conform to the schema: ${Name}: Attribute value must be true or false`);
    }
    if (schema.AttributeDataType === 'Number' && value !== '' && !Number.isFinite(Number(value))) {
      invalid(`Attributes did not conform to the schema: ${Name}: Number must be a valid number`);
    }
    if (schema.AttributeDataType === 'Boolean' && !['true', 'false', '0', '1', ''].includes(value)) {
      invalid(`Attributes did not conform to the schema: ${Name}: Attribute value must be true or false`);
    }
    const max = Number(schema.StringAttributeConstraints?.MaxLength ?? 2048);
    const min = Number(schema.StringAttributeConstraints?.MinLength ?? 0);
    if (value.length > max) invalid(`Attributes did not conform to the schema: ${Name}: String must be no longer than ${max} characters`);
    if (value.length > 0 && value.length < min) invalid(`Attributes did not conform to the schema: ${Name}: String must be no shorter than ${min} characters`);
    out[Name] = value;
  }
  return out;
}

/** Names of required standard attributes missing from `attributes`. */
export function missingRequired(pool: UserPool, attributes: Record<string, string>): string[] {
  return schemaOf(pool.config)
    .filter((a) => a.Required && a.Name !== 'sub' && (attributes[a.Name] === undefined || attributes[a.Name] === ''))
    .map((a) => a.Name);
}

export function usesUsernameAttributes(pool: UserPool): boolean {
  return (pool.config.UsernameAttributes?.length ?? 0) > 0;
}

/**
 * The aliases a user holds: in username-attribute pools the email and phone number (always);
 * in alias pools the verified email and phone number and the preferred_username.
 */
export function aliasesOf(pool: UserPool, user: Pick<User, 'attributes'>, key: (kind: Alias['kind'], value: string) => string): Alias[] {
  const a = user.attributes;
  const out: Alias[] = [];
  const usernameAttrs = pool.config.UsernameAttributes ?? [];
  const aliasAttrs = pool.config.AliasAttributes ?? [];
  for (const kind of ['email', 'phone_number'] as const) {
    const value = a[kind];
    if (!value) continue;
    if (usernameAttrs.includes(kind)) out.push({ kind, valueKey: key(kind, value) });
    else if (aliasAttrs.includes(kind) && a[`${kind}_verified`] === 'true') out.push({ kind, valueKey: key(kind, value) });
  }
  if (aliasAttrs.includes('preferred_username') && a.preferred_username) {
    out.push({ kind: 'preferred_username', valueKey: key('preferred_username', a.preferred_username) });
  }
  return out;
}

/** Attributes as the wire's `[{Name, Value}]`, `sub` first. */
export function attributeList(attributes: Record<string, string>, readable?: (name: string) => boolean): { Name: string; Value: string }[] {
  const names = Object.keys(attributes).filter((n) => !readable || n === 'sub' || readable(n));
  names.sort((x, y) => (x === 'sub' ? -1 : y === 'sub' ? 1 : 0));
  return names.map((Name) => ({ Name, Value: attributes[Name]! }));
}

const seconds = (ms: number) => ms / 1000;

/**
 * The UserType shape of AdminGetUser-like answers (AdminCreateUser, ListUsers, …). With
 * `attributesToGet`, only those attributes, plus `sub`, which Cognito always returns.
 */
export function userType(user: User, attributesToGet?: string[]): Record<string, unknown> {
  const attrs = attributesToGet
    ? attributeList(Object.fromEntries(Object.entries(user.attributes).filter(([n]) => n === 'sub' || attributesToGet.includes(n))))
    : attributeList(user.attributes);
  return {
    Username: user.username,
    Attributes: attrs,
    UserCreateDate: seconds(user.createdAt),
    UserLastModifiedDate: seconds(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...(user.mfa.smsOptions ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] } : {}),
  };
}

/**
 * The MFA members of AdminGetUser / GetUser: legacy `MFAOptions`, `PreferredMfaSetting` and
 * `UserMFASettingList`, each present only when set.
 */
export function mfaMembers(user: User): Record<string, unknown> {
  const enabled = [
    ...(user.mfa.smsEnabled ? ['SMS_MFA'] : []),
    ...(user.mfa.totpEnabled ? ['SOFTWARE_TOKEN_MFA'] : []),
    ...(user.mfa.emailEnabled ? ['EMAIL_OTP'] : []),
  ];
  return {
    ...(user.mfa.smsOptions ? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] } : {}),
    ...(user.mfa.preferred ? { PreferredMfaSetting: user.mfa.preferred } : {}),
    ...(enabled.length > 0 ? { UserMFASettingList: enabled } : {}),
  };
}

/**
 * Applies checked attribute writes to `user` (an empty value removes the attribute). Changing
 * `email` or `phone_number` to a new value makes it unverified, unless the same write sets its
 * `*_verified` flag. Returns the verifiable attributes whose value changed and are now unverified.
 */
export function applyAttributeUpdate(pool: UserPool, user: User, updates: Record<string, string>): ('email' | 'phone_number')[] {
  const before = { ...user.attributes };
  for (const [name, value] of Object.entries(updates)) {
    if (value === '') {
      const schema = schemaAttribute(pool, name);
      if (schema?.Required) invalid(`Attributes did not conform to the schema: ${name}: The attribute is required`);
      delete user.attributes[name];
    } else {
      user.attributes[name] = value;
    }
  }
  const unverified: ('email' | 'phone_number')[] = [];
  for (const kind of ['email', 'phone_number'] as const) {
    const flag = `${kind}_verified` as const;
    if (user.attributes[kind] === before[kind]) continue;
    if (user.attributes[kind] === undefined) delete user.attributes[flag];
    else if (updates[flag] === undefined) user.attributes[flag] = 'false';
    if (user.attributes[kind] !== undefined && user.attributes[flag] !== 'true') unverified.push(kind);
  }
  return unverified;
}

/**
 * AttributesRequireVerificationBeforeUpdate: in a pool whose UserAttributeUpdateSettings name
 * `email` or `phone_number`, a new value for one the user already has is held back in
 * `pendingAttributes` (and taken out of `updates`, with its `*_verified` flag) until the user
 * verifies it; the current value stays active meanwhile. A new value sent with `*_verified`
 * "true" (AdminUpdateUserAttributes) applies at once. Any update of the attribute that is not
 * held replaces what was waiting. Returns the kinds held: each needs a code at its new value.
 */
export function holdUnverifiedUpdates(pool: UserPool, user: User, updates: Record<string, string>): ('email' | 'phone_number')[] {
  const guarded = pool.config.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  const held: ('email' | 'phone_number')[] = [];
  for (const kind of ['email', 'phone_number'] as const) {
    const value = updates[kind];
    if (value === undefined) continue;
    const flag = `${kind}_verified` as const;
    const current = user.attributes[kind];
    if (guarded.includes(kind) && value !== '' && current !== undefined && value !== current && updates[flag] !== 'true') {
      user.pendingAttributes = { ...user.pendingAttributes, [kind]: value };
      delete updates[kind];
      delete updates[flag];
      held.push(kind);
    } else if (user.pendingAttributes?.[kind] !== undefined) {
      delete user.pendingAttributes[kind];
    }
  }
  return held;
}

/**
 * Removes attributes by name (AdminDeleteUserAttributes / DeleteUserAttributes). Unknown and
 * immutable attributes, `sub`, and required attributes are refused with InvalidParameterException.
 * Removing `email` or `phone_number` removes its `*_verified` flag too.
 */
export function removeAttributes(pool: UserPool, user: User, names: string[]): void {
  for (const name of names) {
    const schema = schemaAttribute(pool, name);
    if (!schema || name === 'sub') invalid(`Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`);
    if (schema.Required) invalid(`Attributes did not conform to the schema: ${name}: The attribute is required`);
    if (schema.Mutable === false) invalid(`Attribute cannot be updated. (changing an immutable attribute): ${name}`);
  }
  for (const name of names) {
    delete user.attributes[name];
    if (name === 'email' || name === 'phone_number') delete user.attributes[`${name}_verified`];
  }
}
