import { exportPool } from '../seed/export-seed.ts';
import type { Services } from '../services.ts';
import { checkMasterSecret } from './master-secret.ts';

/** `cognate export --pool ID`: the pool as a seed file (with its secrets), as JSON text. */
export async function exportCommand(services: Services, poolId: string): Promise<string> {
  await checkMasterSecret(services);
  return `${JSON.stringify(await exportPool(services, poolId), null, 2)}\n`;
}
