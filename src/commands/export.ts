import type { Services } from '../services.ts';
export async function exportPool(_services: Services, _poolId: string): Promise<unknown> {
  throw new Error('not yet');
}
