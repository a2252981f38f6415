import { applySeedFile } from '../seed/apply-seed.ts';
import type { Services } from '../services.ts';
import { checkMasterSecret } from './master-secret.ts';

/**
 * `cognate import FILE`: applies an exported file (or any seed file) as `--config` does at
 * start: what exists is brought up to date, what is missing is created with the file's ids.
 */
export async function importCommand(services: Services, file: string): Promise<string[]> {
  await checkMasterSecret(services);
  const applied = await applySeedFile(services, file, 'import');
  return applied.map((p) => `${p.id}: imported (${p.clients.length} clients, ${p.groups} groups, ${p.users} users)`);
}
