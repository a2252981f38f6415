import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { type Checkpointer, startCheckpointer } from './checkpointer.ts';
import { migrationProvider } from './migrations.ts';
import type { Database as Schema } from './schema.ts';

// int8 (bigint) columns hold epoch milliseconds and counters: safe as JS numbers.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export type Db = Kysely<Schema>;

export interface OpenedDatabase {
  db: Db;
  /** `sqlite` or `postgres`, for logs and /health only: repositories never branch on it. */
  kind: 'sqlite' | 'postgres';
  /** Where the data lives, for the start banner (no credentials). */
  location: string;
  /** Migrations this opening applied, in order (none when the schema was up to date). */
  applied: string[];
  ping(): Promise<void>;
  /** How many of this program's migrations the database has not applied (throws when it cannot be read). */
  pendingMigrations(): Promise<number>;
  /** PostgreSQL's connection pool as it is now (undefined on SQLite: one connection, no pool). */
  poolUse(): { total: number; idle: number; waiting: number } | undefined;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A `postgres://` or `postgresql://` URL selects PostgreSQL. */
  url?: string;
  /** Folder of the SQLite file when no URL is given. */
  dataDir: string;
  poolSize?: number;
  /**
   * Apply the pending migrations on open (the default). With several processes started together
   * (`--workers`), one applies them before the others open the database without.
   */
  migrate?: boolean;
  /**
   * Told when an idle PostgreSQL connection fails (the server restarted, an administrator ended
   * it): pg replaces the connection on next use, and without a listener the error would end
   * the process.
   */
  onIdleError?: (error: Error) => void;
  /**
   * SQLite: checkpoint the WAL on a thread of its own rather than inside the commits of the
   * serving connection (checkpointer.ts). For a server; one-shot commands leave SQLite's own.
   */
  backgroundCheckpoints?: boolean;
  /** Told when the checkpoint thread fails; the serving connection then checkpoints as SQLite does by itself. */
  onCheckpointerError?: (error: Error) => void;
}

/** How often the checkpoint thread runs. */
const CHECKPOINT_EVERY_MS = 1000;
/** SQLite's own default, restored when the checkpoint thread fails. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * Kysely's SQLite driver prepares every statement anew; the engine's queries are few and
 * repeated, so keep their prepared statements (bounded: bulk inserts make one-off SQL).
 */
function cachingStatements(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= 500) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * The database holds password verifiers, sealed secrets and every user's attributes: like the
 * master key, it is readable by its owner only (0600). SQLite creates a new file with 0644 (less
 * the umask) and gives its -wal and -shm files the mode of the database file, so the file is
 * created here first with 0600, and an existing one (and its -wal and -shm, made by an earlier
 * version) is narrowed to 0600.
 */
function ownerOnly(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (existsSync(path)) chmodSync(path, 0o600);
    } catch (error) {
      // A file another user owns (a shared volume) keeps the mode its owner chose.
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    }
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<OpenedDatabase> {
  let db: Db;
  let kind: OpenedDatabase['kind'];
  let location: string;
  let pgPool: pg.Pool | undefined;
  let checkpointer: Checkpointer | undefined;
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', (error) => options.onIdleError?.(error));
    pgPool = pool;
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    kind = 'postgres';
    const u = new URL(options.url);
    location = `postgres://${u.host}${u.pathname}`;
  } else {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const file = join(options.dataDir, 'cognate.sqlite');
    ownerOnly(file);
    const sqlite = new Database(file);
    // WAL with synchronous=NORMAL: a committed write survives a crash of the process (the WAL is
    // in the OS before the commit returns); only a power loss may take the last commits with it.
    // FULL would fsync on every commit, on the one thread that serves every request (about 6 ms
    // here): that alone would cap sign-ins far below the target (docs/performance.md).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    if (options.backgroundCheckpoints) {
      sqlite.pragma('wal_autocheckpoint = 0');
      checkpointer = startCheckpointer(file, CHECKPOINT_EVERY_MS, (error) => {
        sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
        options.onCheckpointerError?.(error);
      });
    }
    db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
    kind = 'sqlite';
    location = file;
  }
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = options.migrate === false ? { error: undefined, results: undefined } : await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return {
    db,
    kind,
    location,
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    async ping() {
      await sql`select 1`.execute(db);
    },
    async pendingMigrations() {
      return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).length;
    },
    poolUse() {
      return pgPool ? { total: pgPool.totalCount, idle: pgPool.idleCount, waiting: pgPool.waitingCount } : undefined;
    },
    async close() {
      await checkpointer?.close();
      await db.destroy();
    },
  };
}
