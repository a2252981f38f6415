import type { Kysely, Selectable } from 'kysely';
import type { AuthEvent, AuthEventResponse, AuthEventType } from '../../domain/auth-event.ts';
import type { AuthEventStore } from '../ports.ts';
import type { AuthEventsTable, Database } from './schema.ts';
import { compiledOnce } from './compiled.ts';
import { inTransaction } from './tx.ts';

/** A trace keeps at most this many steps (a custom-auth loop can be long). */
const MAX_STEPS = 500;

function toEvent(r: Selectable<AuthEventsTable>): AuthEvent {
  return {
    poolId: r.pool_id,
    username: r.username,
    eventId: r.event_id,
    eventType: r.event_type as AuthEventType,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    response: r.response as AuthEventResponse,
    challenges: JSON.parse(r.challenges),
    context: JSON.parse(r.context),
    feedback: r.feedback === null ? undefined : JSON.parse(r.feedback),
    feedbackToken: r.feedback_token,
    trace: JSON.parse(r.trace),
  };
}

const insert = compiledOnce<Selectable<AuthEventsTable>, never>((db, arg) =>
  db.insertInto('auth_events').values({
    pool_id: arg('pool_id'),
    username: arg('username'),
    event_id: arg('event_id'),
    event_type: arg('event_type'),
    created_at: arg('created_at'),
    updated_at: arg('updated_at'),
    response: arg('response'),
    challenges: arg('challenges'),
    context: arg('context'),
    feedback: arg('feedback'),
    feedback_token: arg('feedback_token'),
    trace: arg('trace'),
  }),
);

const stepsOf = compiledOnce<{ poolId: string; eventId: string }, { challenges: string; trace: string }>((db, arg) =>
  db.selectFrom('auth_events').select(['challenges', 'trace']).where('pool_id', '=', arg('poolId')).where('event_id', '=', arg('eventId')),
);
const update = compiledOnce<{ poolId: string; eventId: string; response: string; challenges: string; trace: string; now: number }, never>((db, arg) =>
  db
    .updateTable('auth_events')
    .set({ response: arg('response'), challenges: arg('challenges'), trace: arg('trace'), updated_at: arg('now') })
    .where('pool_id', '=', arg('poolId'))
    .where('event_id', '=', arg('eventId')),
);

export function authEventStore(db: Kysely<Database>): AuthEventStore {
  const one = (poolId: string, eventId: string) => db.selectFrom('auth_events').where('pool_id', '=', poolId).where('event_id', '=', eventId);
  return {
    async create(e) {
      await insert(db, {
        pool_id: e.poolId,
        username: e.username,
        event_id: e.eventId,
        event_type: e.eventType,
        created_at: e.createdAt,
        updated_at: e.updatedAt,
        response: e.response,
        challenges: JSON.stringify(e.challenges),
        context: JSON.stringify(e.context),
        feedback: e.feedback === undefined ? null : JSON.stringify(e.feedback),
        feedback_token: e.feedbackToken,
        trace: JSON.stringify(e.trace.slice(0, MAX_STEPS)),
      });
    },
    async append(poolId, eventId, change) {
      // Read and write in one transaction: the steps of one sign-in come one call at a time.
      await inTransaction(db, async (trx) => {
        const row = (await stepsOf(trx, { poolId, eventId })).rows[0];
        if (!row) return;
        await update(trx, {
          poolId,
          eventId,
          response: change.response,
          challenges: JSON.stringify([...JSON.parse(row.challenges), ...change.challenges]),
          trace: JSON.stringify([...JSON.parse(row.trace), ...change.trace].slice(0, MAX_STEPS)),
          now: change.now,
        });
      });
    },
    async get(poolId, eventId) {
      const r = await one(poolId, eventId).selectAll().executeTakeFirst();
      return r && toEvent(r);
    },
    async listForUser(poolId, username, limit, after) {
      let q = db
        .selectFrom('auth_events')
        .selectAll()
        .where('pool_id', '=', poolId)
        .where('username', '=', username)
        .orderBy('created_at', 'desc')
        .orderBy('event_id', 'desc')
        .limit(limit + 1);
      if (after !== undefined) {
        const [at, id] = after.split('/');
        const createdAt = Number(at);
        q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('event_id', '<', id ?? '')])]));
      }
      const rows = await q.execute();
      const items = rows.slice(0, limit).map(toEvent);
      const last = items[items.length - 1];
      return { items, next: rows.length > limit && last ? `${last.createdAt}/${last.eventId}` : undefined };
    },
    async setFeedback(poolId, eventId, feedback) {
      await db
        .updateTable('auth_events')
        .set({ feedback: JSON.stringify(feedback) })
        .where('pool_id', '=', poolId)
        .where('event_id', '=', eventId)
        .execute();
    },
    async purgeOlder(before) {
      await db.deleteFrom('auth_events').where('created_at', '<', before).execute();
    },
  };
}
