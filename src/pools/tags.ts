// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TagResource.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UntagResource.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListTagsForResource.html
import { fail, poolNotFound } from '../errors.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * A user pool's tags, addressed by its ARN. They are the pool's UserPoolTags: TagResource and
 * UntagResource change what DescribeUserPool shows, and UpdateUserPool's UserPoolTags replace them.
 */

/** Tags a resource can hold, as for every AWS resource. */
const MAX_TAGS = 50;

const POOL_ARN = /^arn:[\w-]+:cognito-idp:([\w-]+):(\d+):userpool\/([\w-]+_[0-9a-zA-Z]+)$/;

/** The pool an ARN names (in this server's Region, any account). */
export async function poolOfArn(services: Services, arn: string): Promise<UserPool> {
  const m = POOL_ARN.exec(arn);
  if (!m) throw fail('InvalidParameterException', `${arn} is not the ARN of a user pool.`);
  const pool = m[1] === services.config.region ? await services.stores.pools.get(m[3]!) : undefined;
  if (!pool) throw poolNotFound(m[3]!);
  return pool;
}

async function saveTags(services: Services, pool: UserPool, tags: Record<string, string>): Promise<void> {
  await services.stores.pools.update({ ...pool, config: { ...pool.config, UserPoolTags: tags }, updatedAt: services.clock.now() });
}

export const tagsOf = (pool: UserPool): Record<string, string> => pool.config.UserPoolTags ?? {};

/** Adds tags, or changes the values of those the pool has. */
export async function tagPool(services: Services, pool: UserPool, tags: Record<string, string>): Promise<void> {
  const reserved = Object.keys(tags).find((key) => key.toLowerCase().startsWith('aws:'));
  if (reserved !== undefined) throw fail('InvalidParameterException', `Tag keys starting with aws: are reserved: ${reserved}.`);
  const merged = { ...tagsOf(pool), ...tags };
  if (Object.keys(merged).length > MAX_TAGS) throw fail('InvalidParameterException', `A user pool can have at most ${MAX_TAGS} tags.`);
  await saveTags(services, pool, merged);
}

/** Removes the tags with these keys (keys the pool does not have are ignored). */
export async function untagPool(services: Services, pool: UserPool, keys: string[]): Promise<void> {
  const gone = new Set(keys);
  await saveTags(services, pool, Object.fromEntries(Object.entries(tagsOf(pool)).filter(([key]) => !gone.has(key))));
}
