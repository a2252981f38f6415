import type { Kysely } from 'kysely';
import type { Group } from '../../domain/types.ts';
import type { GroupStore } from '../ports.ts';
import { compiledOnce } from './compiled.ts';
import type { Database } from './schema.ts';
import { inTransaction, optional } from './tx.ts';

type Row = Database['groups'];

const toGroup = (r: Row): Group => ({
  poolId: r.pool_id,
  name: r.name,
  description: optional(r.description),
  roleArn: optional(r.role_arn),
  precedence: optional(r.precedence),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const ofUser = compiledOnce<{ poolId: string; username: string }, Row>((db, arg) =>
  db
    .selectFrom('groups')
    .innerJoin('user_groups', (j) => j.onRef('user_groups.pool_id', '=', 'groups.pool_id').onRef('user_groups.group_name', '=', 'groups.name'))
    .selectAll('groups')
    .where('groups.pool_id', '=', arg('poolId'))
    .where('user_groups.username', '=', arg('username'))
    .orderBy('groups.name'),
);

export function groupStore(db: Kysely<Database>): GroupStore {
  return {
    async create(group) {
      const result = await db
        .insertInto('groups')
        .values({
          pool_id: group.poolId,
          name: group.name,
          description: group.description ?? null,
          role_arn: group.roleArn ?? null,
          precedence: group.precedence ?? null,
          created_at: group.createdAt,
          updated_at: group.updatedAt,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async get(poolId, name) {
      const row = await db.selectFrom('groups').selectAll().where('pool_id', '=', poolId).where('name', '=', name).executeTakeFirst();
      return row && toGroup(row);
    },
    async update(group) {
      await db
        .updateTable('groups')
        .set({
          description: group.description ?? null,
          role_arn: group.roleArn ?? null,
          precedence: group.precedence ?? null,
          updated_at: group.updatedAt,
        })
        .where('pool_id', '=', group.poolId)
        .where('name', '=', group.name)
        .execute();
    },
    async delete(poolId, name) {
      await inTransaction(db, async (trx) => {
        await trx.deleteFrom('user_groups').where('pool_id', '=', poolId).where('group_name', '=', name).execute();
        await trx.deleteFrom('groups').where('pool_id', '=', poolId).where('name', '=', name).execute();
      });
    },
    async list(poolId, limit, after) {
      let q = db
        .selectFrom('groups')
        .selectAll()
        .where('pool_id', '=', poolId)
        .orderBy('name')
        .limit(limit + 1);
      if (after !== undefined) q = q.where('name', '>', after);
      const rows = await q.execute();
      const items = rows.slice(0, limit).map(toGroup);
      return { items, next: rows.length > limit ? items[items.length - 1]!.name : undefined };
    },
    async addUser(poolId, name, username) {
      await db
        .insertInto('user_groups')
        .values({ pool_id: poolId, group_name: name, username })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async removeUser(poolId, name, username) {
      await db.deleteFrom('user_groups').where('pool_id', '=', poolId).where('group_name', '=', name).where('username', '=', username).execute();
    },
    async groupsOf(poolId, username) {
      return (await ofUser(db, { poolId, username })).rows.map(toGroup);
    },
  };
}
