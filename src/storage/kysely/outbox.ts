import type { Kysely, Selectable } from 'kysely';
import type { OutboxMessage } from '../../domain/types.ts';
import type { OutboxStore } from '../ports.ts';
import type { Database, OutboxTable } from './schema.ts';
import { optional } from './tx.ts';

/** `next_attempt_at` of a message that is never to be delivered: no due time reaches it. */
const NEVER = Number.MAX_SAFE_INTEGER;
/** What a blanked message keeps of its text: nothing (the code and any temporary password go). */
const FORGOTTEN = { message: '', code: null } as const;

const toMessage = (r: Selectable<OutboxTable>): OutboxMessage => ({
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
});

export function outboxStore(db: Kysely<Database>): OutboxStore {
  return {
    async add(m, options = {}) {
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
          next_attempt_at: options.deliverable === false ? NEVER : m.createdAt,
        })
        .execute();
    },
    async listFor(poolId, username) {
      let q = db.selectFrom('outbox').selectAll();
      if (poolId !== undefined) q = q.where('pool_id', '=', poolId);
      if (username !== undefined) q = q.where('username', '=', username);
      const rows = await q.orderBy('created_at').orderBy('id').execute();
      return rows.map(toMessage);
    },
    async due(now, limit) {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('delivered_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...toMessage(r), attempts: r.attempts }));
    },
    async claim(id, attempts, holdUntil) {
      const result = await db
        .updateTable('outbox')
        .set({ attempts: attempts + 1, next_attempt_at: holdUntil })
        .where('id', '=', id)
        .where('attempts', '=', attempts)
        .where('delivered_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async delivered(id, at, options = {}) {
      await db
        .updateTable('outbox')
        .set({ delivered_at: at, ...(options.forget ? FORGOTTEN : {}) })
        .where('id', '=', id)
        .where('delivered_at', 'is', null)
        .execute();
    },
    async retryAt(id, attempts, at) {
      await db
        .updateTable('outbox')
        .set({ next_attempt_at: at })
        .where('id', '=', id)
        .where('attempts', '=', attempts)
        .where('delivered_at', 'is', null)
        .execute();
    },
    async park(id, options = {}) {
      await db
        .updateTable('outbox')
        .set({ next_attempt_at: NEVER, ...(options.forget ? FORGOTTEN : {}) })
        .where('id', '=', id)
        .where('delivered_at', 'is', null)
        .execute();
    },
    async purgeOlder(before) {
      await db
        .deleteFrom('outbox')
        .where('created_at', '<', before)
        .where((eb) => eb.or([eb('delivered_at', 'is not', null), eb('next_attempt_at', '=', NEVER)]))
        .execute();
    },
    async depth() {
      const row = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('delivered_at', 'is', null)
        .where('next_attempt_at', '<', NEVER)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
