// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListWebAuthnCredentials.html
import { fail } from '../errors.ts';
import type { Page, User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { StoredWebAuthnCredential } from '../storage/ports.ts';

/** A user's registered passkeys: listed and deleted by the passkey operations and the console. */

export function listPasskeys(
  services: Services,
  pool: UserPool,
  user: User,
  limit: number,
  after: string | undefined,
): Promise<Page<StoredWebAuthnCredential>> {
  return services.stores.webauthn.listCredentials(pool.id, user.username, limit, after);
}

/** Deletes one of the user's passkeys; another user's credential is as unknown as one that never existed. */
export async function deletePasskey(services: Services, pool: UserPool, user: User, credentialId: string): Promise<void> {
  if (!(await services.stores.webauthn.deleteCredential(pool.id, user.username, credentialId))) {
    throw fail('ResourceNotFoundException', 'Passkey credential does not exist.');
  }
}
