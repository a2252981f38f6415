import type { Services } from '../services.ts';
import { KEY_CACHE_MS, newSigningKey, signingKeyPurposes } from './keys.ts';
import { tokenLifetimes } from './validity.ts';

/**
 * Signing key rotation (`cognate keys rotate`, and `--key-rotation-days` through housekeeping).
 * The new keys are in the JWKS at once; servers sign with them from `activatesAt`, after a delay
 * that lets JWKS caches of token verifiers pick them up; the old keys stay published until every
 * token they signed has expired, then housekeeping drops them. Only ID and access tokens are
 * signed with these keys: refresh tokens are opaque strings kept as hashes.
 */

/**
 * A margin on top of the longest token lifetime: a process that has not yet reread the keys
 * (at most {@link KEY_CACHE_MS}) may sign with a retired key for a moment after its retirement.
 */
const KEEP_MARGIN_MS = KEY_CACHE_MS + 60_000;

/** The longest lifetime of an ID or access token that the pool's app clients issue now. */
export async function longestTokenLifetimeMs(services: Services, poolId: string): Promise<number> {
  let longest = 0;
  let after: string | undefined;
  do {
    const page = await services.stores.clients.list(poolId, 60, after);
    for (const client of page.items) {
      const { accessMs, idMs } = tokenLifetimes(client);
      longest = Math.max(longest, accessMs, idMs);
    }
    after = page.next;
  } while (after !== undefined);
  return longest;
}

/** How long a retired key of the pool stays published after its successor took over. */
async function keepMs(services: Services, poolId: string): Promise<number> {
  return (await longestTokenLifetimeMs(services, poolId)) + KEEP_MARGIN_MS;
}

export interface Rotation {
  /** New kids by purpose. */
  kids: Record<string, string>;
  /** When servers sign with them. */
  activatesAt: number;
  /** The earliest time the keys they replace may be dropped. */
  dropAfter: number;
}

/**
 * Writes a new ID key and a new access key for the pool, signing from `activationDelayMs` from
 * now. With `ifOlderThanMs`, only when the pool's newest keys are at least that old (checked
 * again under the pool's lock, so of processes doing this at once one rotates); resolves
 * undefined when it did not rotate.
 */
export async function rotatePoolKeys(
  services: Services,
  poolId: string,
  options: { activationDelayMs: number; ifOlderThanMs?: number },
): Promise<Rotation | undefined> {
  const now = services.clock.now();
  const keys = await Promise.all(signingKeyPurposes.map((p) => newSigningKey(poolId, p, now)));
  const activatesAt = now + options.activationDelayMs;
  const keep = await keepMs(services, poolId);
  const rotated = await services.stores.signingKeys.rotate(poolId, keys, {
    activatesAt,
    keepMs: keep,
    ...(options.ifOlderThanMs !== undefined ? { ifNoneSince: now - options.ifOlderThanMs } : {}),
  });
  if (!rotated) return undefined;
  services.poolKeys.delete(poolId);
  return { kids: Object.fromEntries(keys.map((k) => [k.purpose, k.kid])), activatesAt, dropAfter: activatesAt + keep };
}

/** Drops the pool's retired keys once no token they signed can still be valid; resolves their kids. */
export async function dropRetiredKeys(services: Services, poolId: string): Promise<string[]> {
  return services.stores.signingKeys.dropRetired(poolId, services.clock.now(), await keepMs(services, poolId));
}

/**
 * Housekeeping's share: rotates the keys of every pool whose newest keys are `rotationDays`
 * old (when set), and drops retired keys past their time.
 */
export async function keyHousekeeping(services: Services): Promise<void> {
  const { keyRotationDays, keyActivationDelay } = services.config;
  for (const poolId of await services.stores.signingKeys.pools()) {
    const now = services.clock.now();
    // One cheap read per pool; the clients are read only when a retired key may go.
    const keys = await services.stores.signingKeys.listPublic(poolId);
    if (keyRotationDays !== undefined) {
      const ageMs = keyRotationDays * 86_400_000;
      const newest = Math.max(...keys.map((k) => k.createdAt));
      // Checked here first so that processes do not generate keys every minute for nothing.
      if (newest <= now - ageMs) {
        const rotation = await rotatePoolKeys(services, poolId, { activationDelayMs: keyActivationDelay * 1000, ifOlderThanMs: ageMs });
        if (rotation) {
          services.log.info({ userPoolId: poolId, kids: rotation.kids, activatesAt: new Date(rotation.activatesAt).toISOString() }, 'signing keys rotated');
        }
      }
    }
    if (!keys.some((k) => k.dropAfter !== undefined && k.dropAfter <= now)) continue;
    const dropped = await dropRetiredKeys(services, poolId);
    if (dropped.length > 0) services.log.info({ userPoolId: poolId, kids: dropped }, 'retired signing keys dropped');
  }
}
