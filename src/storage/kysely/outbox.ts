import type { Kysely } from 'kysely';
import type { OutboxMessage } from '../../domain/types.ts';
import type { OutboxStore } from '../ports.ts';
import type { Database } from './schema.ts';
import { optional } from './tx.ts';

export function outboxStore(db: Kysely<Database>): OutboxStore {
  return {
    async add(m) {
      await db
        .insertInto('outbox')
        .values({
          id: m.id,
          pool_id: m.poolId,
          username: m.username,
          channel: m.channel,
          destination: m.destination,
          subject: m.subject ?? null,
          message: m.message,
          code: m.code ?? null,
          purpose: m.purpose,
          created_at: m.createdAt,
          delivered_at: null,
          attempts: 0,
          next_attempt_at: m.createdAt,
        })
        .execute();
    },
    async listFor(poolId, username) {
      let q = db.selectFrom('outbox').selectAll().where('pool_id', '=', poolId);
      if (username !== undefined) q = q.where('username', '=', username);
      const rows = await q.orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id,
        poolId: r.pool_id,
        username: r.username,
        channel: r.channel as OutboxMessage['channel'],
        destination: r.destination,
        subject: optional(r.subject),
        message: r.message,
        code: optional(r.code),
        purpose: r.purpose,
        createdAt: r.created_at,
      }));
    },
  };
}
