import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import pg from 'pg';
import { PG_ADMIN_URL, postgresUnavailable, startTestServer } from './support/server.ts';

// PostgreSQL ends connections now and then (a restart, a failover, an administrator): the
// server must log it and carry on with new connections, never crash.

const reason = await postgresUnavailable();
if (reason !== undefined && process.env.CI === 'true') throw new Error(`CI requires PostgreSQL: ${reason}`);

test('the server survives its idle PostgreSQL connections being terminated', { skip: reason }, async () => {
  const s = await startTestServer('postgres');
  try {
    // Open a few pooled connections, then leave them idle.
    await Promise.all(Array.from({ length: 4 }, () => s.sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }))));
    const database = new URL(s.config.db!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query('select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [
        database,
      ]);
      assert.ok(rows.length > 0, 'the server had connections to end');
    } finally {
      await admin.end();
    }
    // The pool hears of it on its idle clients; give the notices a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const out = await s.sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }));
    assert.deepEqual(out.UserPools, []);
  } finally {
    await s.close();
  }
});
