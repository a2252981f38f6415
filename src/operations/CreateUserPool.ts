import { fail } from '../errors.ts';
import { newPoolId } from '../domain/ids.ts';
import { standardAttributeNames } from '../domain/pool.ts';
import type { PoolConfig } from '../domain/types.ts';
import { poolCreationOnly, poolSettings } from './pool-shapes.ts';
import { z } from 'zod';
import { describePool } from './DescribeUserPool.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html

export const input = z.object({
  ...poolSettings,
  ...poolCreationOnly,
  PoolName: poolSettings.PoolName.unwrap(),
});

/** Checks that hold for a new pool's settings beyond the member shapes. */
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

export default operation({
  name: 'CreateUserPool',
  auth: 'signed',
  input,
  async handler(req, { services }) {
    const { PoolName, ...config } = req;
    checkPoolConfig(config);
    const now = services.clock.now();
    const pool = { id: newPoolId(services.config.region), name: PoolName, createdAt: now, updatedAt: now, config };
    await services.stores.pools.create(pool);
    return { UserPool: describePool(services, pool, 0) };
  },
});
