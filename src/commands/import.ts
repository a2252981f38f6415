import type { Services } from '../services.ts';
export async function importFile(_services: Services, _file: string): Promise<string[]> {
  throw new Error('not yet');
}
