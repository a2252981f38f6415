import type { Services } from '../services.ts';

/**
 * Refuses to go on when the master secret given to a command is not the one the storage's
 * secrets were sealed with (a forgotten `--master-secret` generates a new key in the data
 * folder): what the command wrote would be unreadable to the servers, and what it read garbage.
 * A stored signing key, when there is one, is the test.
 */
export async function checkMasterSecret(services: Services): Promise<void> {
  const [poolId] = await services.stores.signingKeys.pools();
  if (poolId === undefined) return;
  try {
    await services.stores.signingKeys.list(poolId);
  } catch {
    throw new Error("the master secret does not open the stored secrets: give the servers' --master-secret (or COGNATE_MASTER_SECRET)");
  }
}
