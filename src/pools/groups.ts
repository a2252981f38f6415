// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html
import { fail } from '../errors.ts';
import type { Group, Page, User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/** A pool's groups and their members: called by the group operations and the console alike. */

const groupNotFound = () => fail('ResourceNotFoundException', 'Group not found.');

export async function loadGroup(services: Services, pool: UserPool, name: string): Promise<Group> {
  const group = await services.stores.groups.get(pool.id, name);
  if (!group) throw groupNotFound();
  return group;
}

export interface GroupSettings {
  description?: string | undefined;
  roleArn?: string | undefined;
  precedence?: number | undefined;
}

/** Creates group `name`; a name already taken is GroupExistsException. */
export async function createGroup(services: Services, pool: UserPool, name: string, settings: GroupSettings): Promise<Group> {
  const now = services.clock.now();
  const group: Group = {
    poolId: pool.id,
    name,
    description: settings.description,
    roleArn: settings.roleArn,
    precedence: settings.precedence,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await services.stores.groups.create(group))) {
    throw fail('GroupExistsException', 'A group with the name already exists.');
  }
  return group;
}

/** Deletes the group; the store removes its memberships with it. */
export async function deleteGroup(services: Services, pool: UserPool, name: string): Promise<void> {
  const group = await loadGroup(services, pool, name);
  await services.stores.groups.delete(pool.id, group.name);
}

/** Adds the user to the group (a member added twice is not an error). */
export async function addToGroup(services: Services, group: Group, user: User): Promise<void> {
  await services.stores.groups.addUser(group.poolId, group.name, user.username);
}

/** Removes the user from the group (removing one who is not a member is not an error). */
export async function removeFromGroup(services: Services, group: Group, user: User): Promise<void> {
  await services.stores.groups.removeUser(group.poolId, group.name, user.username);
}

export function listGroups(services: Services, pool: UserPool, limit: number, after: string | undefined): Promise<Page<Group>> {
  return services.stores.groups.list(pool.id, limit, after);
}

/** The user's groups, by name. */
export function groupsOfUser(services: Services, pool: UserPool, user: User): Promise<Group[]> {
  return services.stores.groups.groupsOf(pool.id, user.username);
}
