import type { Kysely } from 'kysely';
import type { PoolDocument, PoolDocumentStore } from '../ports.ts';
import { compiledOnce } from './compiled.ts';
import type { Database } from './schema.ts';
import { optional } from './tx.ts';

type Row = Database['pool_documents'];

const toDocument = <T>(r: Row): PoolDocument<T> => ({
  poolId: r.pool_id,
  kind: r.kind,
  key: r.doc_key,
  clientId: optional(r.client_id),
  body: JSON.parse(r.body) as T,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (d: PoolDocument): Row => ({
  pool_id: d.poolId,
  kind: d.kind,
  doc_key: d.key,
  client_id: d.clientId ?? null,
  body: JSON.stringify(d.body),
  created_at: d.createdAt,
  updated_at: d.updatedAt,
});

const one = compiledOnce<{ poolId: string; kind: string; key: string }, Row>((db, arg) =>
  db.selectFrom('pool_documents').selectAll().where('pool_id', '=', arg('poolId')).where('kind', '=', arg('kind')).where('doc_key', '=', arg('key')),
);

export function poolDocumentStore(db: Kysely<Database>): PoolDocumentStore {
  return {
    async get<T>(poolId: string, kind: string, key: string) {
      const row = (await one(db, { poolId, kind, key })).rows[0];
      return row && toDocument<T>(row);
    },
    async put(document) {
      const row = toRow(document);
      await db
        .insertInto('pool_documents')
        .values(row)
        .onConflict((oc) => oc.columns(['pool_id', 'kind', 'doc_key']).doUpdateSet({ client_id: row.client_id, body: row.body, updated_at: row.updated_at }))
        .execute();
    },
    async insert(document) {
      const result = await db
        .insertInto('pool_documents')
        .values(toRow(document))
        .onConflict((oc) => oc.columns(['pool_id', 'kind', 'doc_key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async delete(poolId, kind, key) {
      const result = await db.deleteFrom('pool_documents').where('pool_id', '=', poolId).where('kind', '=', kind).where('doc_key', '=', key).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async list<T>(poolId: string, kind: string, limit: number, after: string | undefined) {
      let q = db
        .selectFrom('pool_documents')
        .selectAll()
        .where('pool_id', '=', poolId)
        .where('kind', '=', kind)
        .orderBy('doc_key')
        .limit(limit + 1);
      if (after !== undefined) q = q.where('doc_key', '>', after);
      const rows = await q.execute();
      const items = rows.slice(0, limit).map((r) => toDocument<T>(r));
      return { items, next: rows.length > limit ? items[items.length - 1]!.key : undefined };
    },
    async deleteForClient(poolId, clientId) {
      await db.deleteFrom('pool_documents').where('pool_id', '=', poolId).where('client_id', '=', clientId).execute();
    },
  };
}
