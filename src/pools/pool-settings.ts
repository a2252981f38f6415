// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html
import { fail } from '../errors.ts';
import { standardAttributeNames } from '../domain/pool.ts';
import type { PoolConfig } from '../domain/types.ts';

/**
 * The settings UpdateUserPool replaces (PoolName aside: it renames). The API's input shapes are
 * checked against this list when they are built.
 */
const updatablePoolSettings = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'AccountRecoverySetting',
  'UserPoolTier',
] as const satisfies readonly (keyof PoolConfig)[];

export type UpdatablePoolSetting = (typeof updatablePoolSettings)[number];

const replaced = new Set<string>(updatablePoolSettings);

/** Checks that hold for a pool's settings beyond the member shapes. */
export function checkPoolConfig(config: PoolConfig): void {
  if (config.AliasAttributes?.length && config.UsernameAttributes?.length) {
    throw fail('InvalidParameterException', 'Only one of the alias attributes or username attributes can be specified.');
  }
  const names = new Set<string>();
  for (const a of config.Schema ?? []) {
    if (names.has(a.Name)) throw fail('InvalidParameterException', `Duplicate attribute name in schema: ${a.Name}`);
    names.add(a.Name);
    if (!standardAttributeNames.has(a.Name) && a.Required) {
      throw fail('InvalidParameterException', `Required custom attributes are not supported currently.`);
    }
  }
}

/**
 * The config after an UpdateUserPool-style write: like Cognito, every updatable setting not given
 * goes back to its default (a partial update silently drops Lambda triggers, tags, …). Members
 * UpdateUserPool does not take are kept: the creation-only ones (UsernameAttributes,
 * AliasAttributes, Schema, UsernameConfiguration) and those SetUserPoolMfaConfig owns.
 */
export function replacePoolSettings(stored: PoolConfig, given: PoolConfig): PoolConfig {
  const kept = Object.fromEntries(Object.entries(stored).filter(([key]) => !replaced.has(key)));
  const set = Object.fromEntries(Object.entries(given).filter(([key, value]) => replaced.has(key) && value !== undefined));
  return { ...kept, ...set } as PoolConfig;
}
