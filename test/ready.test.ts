import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeEachBackend, startTestServer } from './support/server.ts';

describeEachBackend('readiness', ({ server, backend }) => {
  test('GET /ready is 200 with the database reachable and every migration applied', async () => {
    const res = await fetch(`${server().url}/ready`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ready', database: backend });
  });

  test('a migration missing from the database makes it 503 until it is back', async () => {
    const db = server().services.database.db;
    const last = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(db);
    const row = last.rows[0]!;
    await sql`delete from kysely_migration where name = ${row.name}`.execute(db);
    try {
      const res = await fetch(`${server().url}/ready`);
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), { status: 'unavailable', database: backend, reason: '1 database migration(s) not applied' });
      // Liveness does not depend on migrations.
      assert.equal((await fetch(`${server().url}/health`)).status, 200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${row.name}, ${row.timestamp})`.execute(db);
    }
    assert.equal((await fetch(`${server().url}/ready`)).status, 200);
  });

  test('a database that cannot be reached makes /ready and /health 503', async () => {
    const s = await startTestServer(backend);
    try {
      await s.services.database.close();
      const ready = await fetch(`${s.url}/ready`);
      assert.equal(ready.status, 503);
      assert.deepEqual(await ready.json(), { status: 'unavailable', database: backend, reason: 'the database cannot be reached' });
      assert.equal((await fetch(`${s.url}/health`)).status, 503);
    } finally {
      await s.close().catch(() => {});
    }
  });
});
