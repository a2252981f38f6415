// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolReplica.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolReplicaType.html
import { fail } from '../errors.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * Multi-Region replicas of a pool: recorded and listed (cognate serves one Region; a replica is
 * bookkeeping). The pool itself is the PRIMARY replica, in the server's Region.
 */

const KIND = 'replica';

interface StoredReplica {
  Status: 'ACTIVE' | 'INACTIVE';
  UserPoolTags: Record<string, string>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const arnIn = (region: string, poolId: string) => `arn:aws:cognito-idp:${region}:000000000000:userpool/${poolId}`;

function replicaType(pool: UserPool, region: string, status: string, role: 'PRIMARY' | 'SECONDARY') {
  return { RegionName: region, Status: status, Role: role, UserPoolArn: arnIn(region, pool.id) };
}

function notFound(pool: UserPool, region: string) {
  return fail('ResourceNotFoundException', `User pool ${pool.id} has no replica in ${region}.`);
}

/** The primary, then the secondary replicas by Region, one page at a time. */
export async function listReplicas(services: Services, pool: UserPool, after: string | undefined, limit = 60) {
  const page = await services.stores.poolDocuments.list<StoredReplica>(pool.id, KIND, limit, after);
  const secondaries = page.items.map((d) => replicaType(pool, d.key, d.body.Status, 'SECONDARY'));
  return {
    replicas: after === undefined ? [replicaType(pool, services.config.region, 'ACTIVE', 'PRIMARY'), ...secondaries] : secondaries,
    next: page.next,
  };
}

/**
 * Records a replica in another Region. The answer says CREATING, as Cognito's does; there is
 * nothing to copy here, so the replica is ACTIVE from then on.
 */
export async function createReplica(services: Services, pool: UserPool, region: string, tags: Record<string, string>) {
  if (!REGION.test(region)) throw fail('InvalidParameterException', `${region} is not an AWS Region name.`);
  if (region === services.config.region) throw fail('InvalidParameterException', `User pool ${pool.id} is in ${region} already.`);
  const now = services.clock.now();
  const created = await services.stores.poolDocuments.insert({
    poolId: pool.id,
    kind: KIND,
    key: region,
    clientId: undefined,
    body: { Status: 'ACTIVE', UserPoolTags: tags } satisfies StoredReplica,
    createdAt: now,
    updatedAt: now,
  });
  if (!created) throw fail('InvalidParameterException', `User pool ${pool.id} already has a replica in ${region}.`);
  return replicaType(pool, region, 'CREATING', 'SECONDARY');
}

/** Activates or deactivates a secondary replica. */
export async function updateReplica(services: Services, pool: UserPool, region: string, status: 'ACTIVE' | 'INACTIVE') {
  if (region === services.config.region) throw fail('InvalidParameterException', `The primary replica of user pool ${pool.id} cannot be updated.`);
  const docs = services.stores.poolDocuments;
  const doc = await docs.get<StoredReplica>(pool.id, KIND, region);
  if (!doc) throw notFound(pool, region);
  await docs.put({ ...doc, body: { ...doc.body, Status: status }, updatedAt: services.clock.now() });
  return replicaType(pool, region, status, 'SECONDARY');
}

/** Deletes a secondary replica, which must be INACTIVE; the answer says DELETING. */
export async function deleteReplica(services: Services, pool: UserPool, region: string) {
  if (region === services.config.region) throw fail('InvalidParameterException', `The primary replica of user pool ${pool.id} cannot be deleted.`);
  const docs = services.stores.poolDocuments;
  const doc = await docs.get<StoredReplica>(pool.id, KIND, region);
  if (!doc) throw notFound(pool, region);
  if (doc.body.Status !== 'INACTIVE')
    throw fail('InvalidParameterException', `Only an INACTIVE replica can be deleted; the one in ${region} is ${doc.body.Status}.`);
  await docs.delete(pool.id, KIND, region);
  return replicaType(pool, region, 'DELETING', 'SECONDARY');
}
