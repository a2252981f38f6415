import { signingKeyAt } from '../domain/signing-keys.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { rotatePoolKeys } from '../tokens/key-rotation.ts';
import { checkMasterSecret } from './master-secret.ts';

/** `cognate keys list|rotate [--pool ID]`: the signing keys of one pool or of every pool. */

/** The pool named, or every pool; a pool that does not exist is an error naming it. */
export async function selectedPools(services: Services, poolId: string | undefined): Promise<UserPool[]> {
  if (poolId !== undefined) {
    const pool = await services.stores.pools.get(poolId);
    if (!pool) throw new Error(`user pool ${poolId} does not exist`);
    return [pool];
  }
  const pools: UserPool[] = [];
  let after: string | undefined;
  do {
    const page = await services.stores.pools.list(60, after);
    pools.push(...page.items);
    after = page.next;
  } while (after !== undefined);
  return pools;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One line per key: pool, purpose, kid, state (signing, pending, retired, standby) and its times. */
export async function listKeys(services: Services, poolId: string | undefined): Promise<string[]> {
  const now = services.clock.now();
  const lines: string[] = [];
  for (const pool of await selectedPools(services, poolId)) {
    const keys = await services.stores.signingKeys.listPublic(pool.id);
    if (keys.length === 0) {
      lines.push(`${pool.id}  (no keys yet: they are created at the pool's first token)`);
      continue;
    }
    const current = new Set((['id', 'access'] as const).map((p) => signingKeyAt(keys, p, now)?.kid));
    for (const k of keys) {
      const state = current.has(k.kid)
        ? `signing since ${iso(k.activatesAt)}${k.retiredAt !== undefined ? ` until ${iso(k.retiredAt)}, then published until at least ${iso(k.dropAfter ?? k.retiredAt)}` : ''}`
        : k.activatesAt > now
          ? `pending: signing from ${iso(k.activatesAt)}`
          : k.retiredAt !== undefined
            ? `retired ${iso(k.retiredAt)}, published until at least ${iso(k.dropAfter ?? k.retiredAt)}`
            : `published`;
      lines.push(`${pool.id}  ${k.purpose.padEnd(6)}  ${k.kid}  created ${iso(k.createdAt)}  ${state}`);
    }
  }
  return lines;
}

/** Rotates the keys of the pool named, or of every pool; one line per pool. */
export async function rotateKeys(services: Services, poolId: string | undefined): Promise<string[]> {
  await checkMasterSecret(services);
  const lines: string[] = [];
  const delayMs = services.config.keyActivationDelay * 1000;
  for (const pool of await selectedPools(services, poolId)) {
    const first = (await services.stores.signingKeys.listPublic(pool.id)).length === 0;
    const rotation = (await rotatePoolKeys(services, pool.id, { activationDelayMs: delayMs }))!;
    if (first) {
      lines.push(`${pool.id}  first keys: id key ${rotation.kids.id}, access key ${rotation.kids.access}, signing now`);
      continue;
    }
    lines.push(
      `${pool.id}  new id key ${rotation.kids.id}, access key ${rotation.kids.access}: published now, signing from ${iso(rotation.activatesAt)}; ` +
        `the keys they replace stay published until at least ${iso(rotation.dropAfter)}`,
    );
  }
  return lines;
}
