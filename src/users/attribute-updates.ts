// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html
import type { AppClient, User, UserPool } from '../domain/types.ts';
import { type AttributeInput, applyAttributeUpdate, checkAttributes, holdUnverifiedUpdates, removeAttributes } from '../domain/user.ts';
import type { Destination } from '../messages/outbox.ts';
import type { Services } from '../services.ts';
import { assertClientMayWrite } from './attribute-permissions.ts';
import { sendAttributeCode } from './attribute-verification.ts';
import { saveUser } from './write-user.ts';

/**
 * Changing and deleting a user's attributes, by the user through an app client (`client` given:
 * its WriteAttributes apply, checked before the schema) or by an administrator (no client).
 */

export interface AttributeUpdate {
  pool: UserPool;
  user: User;
  /** The app client the user acts through; undefined for an administrator. */
  client?: AppClient | undefined;
  attributes: AttributeInput[];
  clientMetadata: Record<string, string> | undefined;
}

/**
 * Updates the user's attributes and resolves where verification codes went. A changed email /
 * phone number is unverified afterwards; one the pool auto-verifies gets a code, and so does a
 * value held back until it is verified (AttributesRequireVerificationBeforeUpdate), at its new
 * value, since only a code can make it active.
 */
export async function updateAttributes(services: Services, req: AttributeUpdate): Promise<Destination[]> {
  const { pool, user, client } = req;
  if (client)
    assertClientMayWrite(
      pool,
      client,
      req.attributes.map((a) => a.Name),
    );
  const updates = checkAttributes(pool, req.attributes, 'update');
  // A new value sent without its *_verified flag set to "true" is held back where the pool asks
  // for verification before update.
  const held = holdUnverifiedUpdates(pool, user, updates);
  const unverified = applyAttributeUpdate(pool, user, updates);
  await saveUser(services, pool, user);
  const auto = pool.config.AutoVerifiedAttributes ?? [];
  const sent: Destination[] = [];
  for (const kind of [...held, ...unverified.filter((k) => auto.includes(k))]) {
    const to = await sendAttributeCode(services, pool, user, kind, {
      cause: 'UpdateUserAttribute',
      ...(client ? { clientId: client.clientId } : {}),
      clientMetadata: req.clientMetadata,
    });
    if (to) sent.push(to);
  }
  return sent;
}

/** Deletes the named attributes of the user (by the user through `client`, or by an administrator). */
export async function deleteAttributes(services: Services, pool: UserPool, user: User, names: string[], client?: AppClient): Promise<void> {
  if (client) assertClientMayWrite(pool, client, names);
  removeAttributes(pool, user, names);
  await saveUser(services, pool, user);
}
