import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AdminCreateUserCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import Database from 'better-sqlite3';
import { startCheckpointer } from '../src/storage/kysely/checkpointer.ts';
import { startTestServer } from './support/server.ts';

// On SQLite a commit appends to the -wal file, and SQLite by itself copies the WAL back into the
// database file only inside a commit that finds it past 1,000 pages: on the one thread that
// serves every request. The server instead checkpoints on a thread of its own, every second,
// whatever the WAL's size. (PostgreSQL has no such thing: SQLite only.)

const scratch = mkdtempSync(join(tmpdir(), 'cognate-checkpoints-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The user names found in the database file alone, without its -wal: what has been checkpointed. */
function checkpointedUsers(data: string, copyName: string): string[] {
  const copy = join(scratch, copyName);
  copyFileSync(join(data, 'cognate.sqlite'), copy);
  const db = new Database(copy);
  try {
    return (db.prepare('select username from users order by username').all() as Array<{ username: string }>).map((r) => r.username);
  } catch (error) {
    // Before the first checkpoint even the tables are only in the WAL; a copy taken while a
    // checkpoint writes the file may be torn. Either way: not there yet.
    const code = (error as { code?: string }).code;
    if (/no such table/.test((error as Error).message) || code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return [];
    throw error;
  } finally {
    db.close();
  }
}

test('a write reaches the SQLite database file within seconds while the server runs: the WAL is checkpointed in the background', async () => {
  const server = await startTestServer('sqlite');
  try {
    const poolId = (await server.sdk.send(new CreateUserPoolCommand({ PoolName: 'checkpoints' }))).UserPool!.Id!;
    for (const Username of ['dora', 'emil']) await server.sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username, MessageAction: 'SUPPRESS' }));
    // A few pages of writes, far below the 1,000 at which SQLite would checkpoint by itself.
    let found: string[] = [];
    const deadline = Date.now() + 10_000;
    for (let i = 0; Date.now() < deadline; i++) {
      found = checkpointedUsers(server.config.data, `copy-${i}.sqlite`);
      if (found.length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.deepEqual(found, ['dora', 'emil']);
    // The server still reads and writes as before.
    await server.sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'fritz', MessageAction: 'SUPPRESS' }));
  } finally {
    await server.close();
  }
});

test('a checkpoint thread that cannot open its database reports the failure to its owner', async () => {
  // The thread never keeps the process alive: the timer does, until it reports.
  const keepAlive = setTimeout(() => {}, 10_000);
  const failure = await new Promise<Error>((resolve) => {
    startCheckpointer(join(scratch, 'no-such-database.sqlite'), 1000, resolve);
  });
  clearTimeout(keepAlive);
  assert.match(failure.message, /SQLITE_CANTOPEN|unable to open database file/);
});
