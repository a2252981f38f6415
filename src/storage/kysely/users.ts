import type { Kysely } from 'kysely';
import type { Sealer } from '../../crypto/seal.ts';
import type { Alias, StoredPassword, User, UserStatus } from '../../domain/types.ts';
import type { UserStore } from '../ports.ts';
import { compiledOnce } from './compiled.ts';
import type { Database } from './schema.ts';
import { bool, inTransaction } from './tx.ts';

type Row = Database['users'];

/** Attributes ListUsers filters on that live in `user_index` (the others are columns). */
const indexedAttributes = ['email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username'] as const;

const byKey = compiledOnce<{ poolId: string; key: string }, Row>((db, arg) =>
  db.selectFrom('users').selectAll().where('pool_id', '=', arg('poolId')).where('username_key', '=', arg('key')),
);

export function userStore(db: Kysely<Database>, sealer: Sealer): UserStore {
  // The password history travels in the sealed password blob: {salt, verifier, history?}.
  const toUser = (r: Row): User => {
    const { history, ...password } =
      r.password === null ? ({} as never) : (JSON.parse(sealer.open(r.password)) as StoredPassword & { history?: StoredPassword[] });
    return {
      poolId: r.pool_id,
      username: r.username,
      sub: r.sub,
      status: r.status as UserStatus,
      enabled: r.enabled === 1,
      attributes: JSON.parse(r.attributes),
      ...(r.pending_attributes ? { pendingAttributes: JSON.parse(r.pending_attributes) } : {}),
      password: r.password === null ? undefined : password,
      ...(history ? { passwordHistory: history } : {}),
      passwordSetAt: r.password_set_at ?? undefined,
      mfa: JSON.parse(sealer.open(r.mfa)),
      tokensValidAfter: r.tokens_valid_after,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  };

  const toRow = (user: User, usernameKey: string): Row => ({
    pool_id: user.poolId,
    username: user.username,
    username_key: usernameKey,
    sub: user.sub,
    status: user.status,
    enabled: bool(user.enabled),
    attributes: JSON.stringify(user.attributes),
    pending_attributes: user.pendingAttributes && Object.keys(user.pendingAttributes).length > 0 ? JSON.stringify(user.pendingAttributes) : null,
    password:
      user.password === undefined
        ? null
        : sealer.seal(JSON.stringify(user.passwordHistory?.length ? { ...user.password, history: user.passwordHistory } : user.password)),
    password_set_at: user.passwordSetAt ?? null,
    mfa: sealer.seal(JSON.stringify(user.mfa)),
    tokens_valid_after: user.tokensValidAfter,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  });

  const indexRows = (user: User, usernameKey: string) =>
    indexedAttributes
      .filter((a) => user.attributes[a] !== undefined)
      .map((a) => ({ pool_id: user.poolId, attribute: a, value: user.attributes[a]!, username_key: usernameKey }));

  async function writeIndex(trx: Kysely<Database>, user: User, usernameKey: string) {
    await trx.deleteFrom('user_index').where('pool_id', '=', user.poolId).where('username_key', '=', usernameKey).execute();
    const rows = indexRows(user, usernameKey);
    if (rows.length > 0) await trx.insertInto('user_index').values(rows).execute();
  }

  async function writeAliases(trx: Kysely<Database>, user: User, aliases: Alias[]) {
    await trx.deleteFrom('user_aliases').where('pool_id', '=', user.poolId).where('username', '=', user.username).execute();
    for (const alias of aliases) {
      await trx
        .insertInto('user_aliases')
        .values({ pool_id: user.poolId, kind: alias.kind, value_key: alias.valueKey, username: user.username })
        .onConflict((oc) => oc.columns(['pool_id', 'kind', 'value_key']).doUpdateSet({ username: user.username }))
        .execute();
    }
  }

  return {
    async create(user, usernameKey, aliases) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .insertInto('users')
          .values(toRow(user, usernameKey))
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) return false;
        await writeAliases(trx, user, aliases);
        await writeIndex(trx, user, usernameKey);
        return true;
      });
    },
    async get(poolId, usernameKey) {
      const row = (await byKey(db, { poolId, key: usernameKey })).rows[0];
      return row && toUser(row);
    },
    async getBySub(poolId, sub) {
      const row = await db.selectFrom('users').selectAll().where('pool_id', '=', poolId).where('sub', '=', sub).executeTakeFirst();
      return row && toUser(row);
    },
    async findAlias(poolId, kind, valueKey) {
      const row = await db
        .selectFrom('user_aliases')
        .select('username')
        .where('pool_id', '=', poolId)
        .where('kind', '=', kind)
        .where('value_key', '=', valueKey)
        .executeTakeFirst();
      return row?.username;
    },
    async update(user, usernameKey, aliases) {
      await inTransaction(db, async (trx) => {
        const { pool_id, username_key, created_at, ...rest } = toRow(user, usernameKey);
        await trx.updateTable('users').set(rest).where('pool_id', '=', pool_id).where('username_key', '=', username_key).execute();
        if (aliases) await writeAliases(trx, user, aliases);
        await writeIndex(trx, user, usernameKey);
      });
    },
    async releaseAlias(poolId, kind, valueKey) {
      await db.deleteFrom('user_aliases').where('pool_id', '=', poolId).where('kind', '=', kind).where('value_key', '=', valueKey).execute();
    },
    async delete(poolId, usernameKey, username) {
      await inTransaction(db, async (trx) => {
        await trx.deleteFrom('users').where('pool_id', '=', poolId).where('username_key', '=', usernameKey).execute();
        await trx.deleteFrom('user_index').where('pool_id', '=', poolId).where('username_key', '=', usernameKey).execute();
        // Refresh tokens stay: a refresh after deletion must say the user does not exist.
        for (const table of ['user_aliases', 'user_groups', 'codes', 'devices', 'webauthn_credentials', 'webauthn_registrations'] as const) {
          await trx.deleteFrom(table).where('pool_id', '=', poolId).where('username', '=', username).execute();
        }
      });
    },
    async list(poolId, query) {
      let q = db.selectFrom('users').selectAll('users').where('users.pool_id', '=', poolId);
      if (query.group !== undefined) {
        q = q
          .innerJoin('user_groups', (j) => j.onRef('user_groups.pool_id', '=', 'users.pool_id').onRef('user_groups.username', '=', 'users.username'))
          .where('user_groups.group_name', '=', query.group);
      }
      const f = query.filter;
      if (f) {
        if (f.attribute === 'username' || f.attribute === 'sub' || f.attribute === 'cognito:user_status') {
          const column = f.attribute === 'username' ? 'users.username' : f.attribute === 'sub' ? 'users.sub' : 'users.status';
          q =
            f.op === '='
              ? q.where(column, '=', f.value)
              : q.where((eb) => eb(eb.fn('substr', [eb.ref(column), eb.lit(1), eb.lit(f.value.length)]), '=', f.value));
        } else if (f.attribute === 'status') {
          const enabled = f.value === 'Enabled' ? 1 : f.value === 'Disabled' ? 0 : -1;
          q = q.where('users.enabled', '=', enabled);
        } else {
          q = q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('user_index')
                .select('user_index.username_key')
                .whereRef('user_index.pool_id', '=', 'users.pool_id')
                .whereRef('user_index.username_key', '=', 'users.username_key')
                .where('user_index.attribute', '=', f.attribute)
                .where((sub) =>
                  f.op === '='
                    ? sub('user_index.value', '=', f.value)
                    : sub(sub.fn('substr', [sub.ref('user_index.value'), sub.lit(1), sub.lit(f.value.length)]), '=', f.value),
                ),
            ),
          );
        }
      }
      if (query.after !== undefined) q = q.where('users.username_key', '>', query.after);
      const rows = await q
        .orderBy('users.username_key')
        .limit(query.limit + 1)
        .execute();
      const items = rows.slice(0, query.limit).map(toUser);
      return { items, next: rows.length > query.limit ? rows[query.limit - 1]!.username_key : undefined };
    },
    async insertMany(users) {
      await inTransaction(db, async (trx) => {
        for (let i = 0; i < users.length; i += 500) {
          const chunk = users.slice(i, i + 500);
          await trx
            .insertInto('users')
            .values(chunk.map(({ user, usernameKey }) => toRow(user, usernameKey)))
            .execute();
          const index = chunk.flatMap(({ user, usernameKey }) => indexRows(user, usernameKey));
          for (let j = 0; j < index.length; j += 1000)
            await trx
              .insertInto('user_index')
              .values(index.slice(j, j + 1000))
              .execute();
        }
      });
    },
    async count(poolId) {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('pool_id', '=', poolId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
