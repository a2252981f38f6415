import type { User, UserPool } from '../domain/types.ts';
import { checkAttributes } from '../domain/user.ts';
import { CognitoError, fail } from '../errors.ts';
import { createUser, resolveNewUsername } from './write-user.ts';
import type { Services } from '../services.ts';
import { metadataOf } from '../triggers/event.ts';
import { invokeTrigger } from '../triggers/invoker.ts';
import { type UserMigrationSource, userMigrationEvent } from '../triggers/UserMigration.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html

/**
 * Importing a user through the UserMigration trigger: the function is asked about a name the
 * pool does not know and, if it answers with attributes, the user is created with them, and with
 * the password typed at sign-in (the pool's password policy is not applied: the old system
 * already accepted it).
 */

export interface MigrationRequest {
  source: UserMigrationSource;
  /** The name as the user typed it (the event's `userName`). */
  userName: string;
  clientId?: string | undefined;
  /** UserMigration_Authentication only. */
  password?: string | undefined;
  /** InitiateAuth / AdminInitiateAuth ClientMetadata. */
  validationData?: Record<string, string> | undefined;
  clientMetadata?: Record<string, string> | undefined;
  /**
   * Checks the attributes before anything is stored (ForgotPassword: a verified address to send
   * the code to); throws to refuse.
   */
  check?: (attributes: Record<string, string>) => void;
}

/** Attributes the function may not choose. */
const reserved = (name: string) => name === 'sub' || name.startsWith('cognito:');

/**
 * Asks the pool's UserMigration function about `userName`; returns the created user, or
 * undefined when the function knows no such user (it answered without attributes). The caller
 * must have checked that the trigger is configured.
 */
export async function migrateUser(services: Services, pool: UserPool, req: MigrationRequest): Promise<User | undefined> {
  const answer = await invokeTrigger(
    services,
    pool,
    'UserMigration',
    userMigrationEvent({ pool, userName: req.userName, clientId: req.clientId }, req.source, {
      ...(req.password !== undefined ? { password: req.password } : {}),
      validationData: metadataOf(req.validationData),
      clientMetadata: metadataOf(req.clientMetadata),
    }),
  );
  const given = Object.entries(answer.userAttributes ?? {}).filter(([name]) => !reserved(name));
  if (given.length === 0) return undefined;
  let attributes: Record<string, string>;
  try {
    attributes = checkAttributes(
      pool,
      given.map(([Name, Value]) => ({ Name, Value })),
      'create',
    );
  } catch (error) {
    if (error instanceof CognitoError) throw fail('InvalidLambdaResponseException', 'Unrecognizable lambda output', error.message);
    throw error;
  }
  for (const [name, value] of Object.entries(attributes)) if (value === '') delete attributes[name];
  req.check?.(resolveNewUsername(pool, req.userName, attributes).attributes);
  return createUser(services, pool, {
    username: req.userName,
    attributes,
    status: answer.finalUserStatus === 'CONFIRMED' ? 'CONFIRMED' : 'RESET_REQUIRED',
    ...(req.password !== undefined ? { password: req.password } : {}),
    forceAliasCreation: answer.forceAliasCreation === true,
  });
}
