import type { Kysely } from 'kysely';
import type { Sealer } from '../../crypto/seal.ts';
import type { Device, DeviceRememberedStatus } from '../../domain/device.ts';
import type { DeviceStore } from '../ports.ts';
import type { Database } from './schema.ts';
import { optional } from './tx.ts';

type Row = Database['devices'];

export function deviceStore(db: Kysely<Database>, sealer: Sealer): DeviceStore {
  // The verifier is sealed at rest like a user's; the salt is public (it is the SALT challenge parameter).
  const toDevice = (r: Row): Device => ({
    poolId: r.pool_id,
    deviceKey: r.device_key,
    username: r.username,
    groupKey: r.group_key,
    salt: optional(r.salt),
    verifier: r.verifier === null ? undefined : sealer.open(r.verifier),
    name: optional(r.name),
    status: r.status as DeviceRememberedStatus,
    attributes: JSON.parse(r.attributes),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastAuthenticatedAt: optional(r.last_authenticated_at),
  });

  return {
    async create(device) {
      await db
        .insertInto('devices')
        .values({
          pool_id: device.poolId,
          device_key: device.deviceKey,
          username: device.username,
          group_key: device.groupKey,
          salt: device.salt ?? null,
          verifier: device.verifier === undefined ? null : sealer.seal(device.verifier),
          name: device.name ?? null,
          status: device.status,
          attributes: JSON.stringify(device.attributes),
          created_at: device.createdAt,
          updated_at: device.updatedAt,
          last_authenticated_at: device.lastAuthenticatedAt ?? null,
        })
        .execute();
    },
    async get(poolId, deviceKey) {
      const row = await db.selectFrom('devices').selectAll().where('pool_id', '=', poolId).where('device_key', '=', deviceKey).executeTakeFirst();
      return row && toDevice(row);
    },
    async confirm(poolId, deviceKey, c) {
      const result = await db
        .updateTable('devices')
        .set({ salt: c.salt, verifier: sealer.seal(c.verifier), name: c.name ?? null, status: c.status, updated_at: c.updatedAt })
        .where('pool_id', '=', poolId)
        .where('device_key', '=', deviceKey)
        .where('verifier', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async update(device) {
      await db
        .updateTable('devices')
        .set({
          name: device.name ?? null,
          status: device.status,
          attributes: JSON.stringify(device.attributes),
          updated_at: device.updatedAt,
          last_authenticated_at: device.lastAuthenticatedAt ?? null,
        })
        .where('pool_id', '=', device.poolId)
        .where('device_key', '=', device.deviceKey)
        .execute();
    },
    async delete(poolId, deviceKey) {
      await db.deleteFrom('devices').where('pool_id', '=', poolId).where('device_key', '=', deviceKey).execute();
    },
    async listForUser(poolId, username, limit, after, status) {
      let q = db
        .selectFrom('devices')
        .selectAll()
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .where('verifier', 'is not', null)
        .orderBy('device_key')
        .limit(limit + 1);
      if (status !== undefined) q = q.where('status', '=', status);
      if (after !== undefined) q = q.where('device_key', '>', after);
      const rows = await q.execute();
      const items = rows.slice(0, limit).map(toDevice);
      return { items, next: rows.length > limit ? items[items.length - 1]!.deviceKey : undefined };
    },
    async deleteUnconfirmed(poolId, username, before) {
      await db
        .deleteFrom('devices')
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .where('verifier', 'is', null)
        .where('created_at', '<', before)
        .execute();
    },
  };
}
