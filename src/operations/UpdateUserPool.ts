import type { PoolConfig } from '../domain/types.ts';
import { poolSettings } from './pool-shapes.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { checkPoolConfig } from './CreateUserPool.ts';
import { loadPool } from './lookup.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html

export const input = z.object({ UserPoolId: shapes.userPoolId(), ...poolSettings });

/** The pool settings UpdateUserPool replaces (PoolName aside: it renames, and is kept when absent). */
const replaced = new Set<string>(Object.keys(poolSettings).filter((k) => k !== 'PoolName'));

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

export default operation({
  name: 'UpdateUserPool',
  auth: 'signed',
  input,
  async handler(req, { services }) {
    const { UserPoolId, PoolName, ...settings } = req;
    const pool = await loadPool(services, UserPoolId);
    const config = replacePoolSettings(pool.config, settings as PoolConfig);
    checkPoolConfig(config);
    await services.stores.pools.update({ ...pool, name: PoolName ?? pool.name, config, updatedAt: services.clock.now() });
    return {};
  },
});
