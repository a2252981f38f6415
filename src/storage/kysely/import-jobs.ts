import type { Kysely } from 'kysely';
import type { UserImportJob, UserImportJobStatus, UserImportJobStore } from '../ports.ts';
import type { Database } from './schema.ts';
import { optional } from './tx.ts';

type Row = Omit<Database['user_import_jobs'], 'csv'> & { uploaded: number | string | boolean };

/** Every column but the file, and whether there is one. */
const columns = [
  'pool_id',
  'job_id',
  'name',
  'status',
  'role_arn',
  'password_hashing_algorithm',
  'imported',
  'skipped',
  'failed',
  'completion_message',
  'created_at',
  'started_at',
  'completed_at',
] as const;

const toJob = (r: Row): UserImportJob => ({
  poolId: r.pool_id,
  jobId: r.job_id,
  name: r.name,
  status: r.status as UserImportJobStatus,
  roleArn: r.role_arn,
  passwordHashingAlgorithm: optional(r.password_hashing_algorithm),
  uploaded: Number(r.uploaded) === 1,
  imported: r.imported,
  skipped: r.skipped,
  failed: r.failed,
  completionMessage: optional(r.completion_message),
  createdAt: r.created_at,
  startedAt: optional(r.started_at),
  completedAt: optional(r.completed_at),
});

export function importJobStore(db: Kysely<Database>): UserImportJobStore {
  const select = () =>
    db
      .selectFrom('user_import_jobs')
      .select(columns)
      .select((eb) => eb.case().when('csv', 'is not', null).then(1).else(0).end().as('uploaded'));
  return {
    async create(job) {
      await db
        .insertInto('user_import_jobs')
        .values({
          pool_id: job.poolId,
          job_id: job.jobId,
          name: job.name,
          status: job.status,
          role_arn: job.roleArn,
          password_hashing_algorithm: job.passwordHashingAlgorithm ?? null,
          csv: null,
          imported: job.imported,
          skipped: job.skipped,
          failed: job.failed,
          completion_message: job.completionMessage ?? null,
          created_at: job.createdAt,
          started_at: job.startedAt ?? null,
          completed_at: job.completedAt ?? null,
        })
        .execute();
    },
    async get(poolId, jobId) {
      const row = await select().where('pool_id', '=', poolId).where('job_id', '=', jobId).executeTakeFirst();
      return row && toJob(row);
    },
    async list(poolId, limit, after) {
      let q = select()
        .where('pool_id', '=', poolId)
        .orderBy('created_at', 'desc')
        .orderBy('job_id', 'desc')
        .limit(limit + 1);
      if (after !== undefined) {
        const i = after.indexOf(':');
        const at = Number(after.slice(0, i));
        const id = after.slice(i + 1);
        q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('job_id', '<', id)])]));
      }
      const rows = await q.execute();
      const items = rows.slice(0, limit).map(toJob);
      const last = items[items.length - 1];
      return { items, next: rows.length > limit && last ? `${last.createdAt}:${last.jobId}` : undefined };
    },
    async upload(poolId, jobId, csv) {
      const result = await db
        .updateTable('user_import_jobs')
        .set({ csv })
        .where('pool_id', '=', poolId)
        .where('job_id', '=', jobId)
        .where('status', '=', 'Created')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async csv(poolId, jobId) {
      const row = await db.selectFrom('user_import_jobs').select('csv').where('pool_id', '=', poolId).where('job_id', '=', jobId).executeTakeFirst();
      return row?.csv ?? undefined;
    },
    async transition(poolId, jobId, from, to, changes = {}) {
      const result = await db
        .updateTable('user_import_jobs')
        .set({
          status: to,
          ...(changes.imported !== undefined ? { imported: changes.imported } : {}),
          ...(changes.skipped !== undefined ? { skipped: changes.skipped } : {}),
          ...(changes.failed !== undefined ? { failed: changes.failed } : {}),
          ...(changes.completionMessage !== undefined ? { completion_message: changes.completionMessage } : {}),
          ...(changes.startedAt !== undefined ? { started_at: changes.startedAt } : {}),
          ...(changes.completedAt !== undefined ? { completed_at: changes.completedAt } : {}),
        })
        .where('pool_id', '=', poolId)
        .where('job_id', '=', jobId)
        .where('status', 'in', [...from])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async progress(poolId, jobId, counts) {
      await db
        .updateTable('user_import_jobs')
        .set({ imported: counts.imported, skipped: counts.skipped, failed: counts.failed })
        .where('pool_id', '=', poolId)
        .where('job_id', '=', jobId)
        .execute();
    },
    async withStatus(statuses, limit) {
      const rows = await select()
        .where('status', 'in', [...statuses])
        .orderBy('created_at')
        .limit(limit)
        .execute();
      return rows.map(toJob);
    },
    async running(poolId) {
      const row = await db
        .selectFrom('user_import_jobs')
        .select('job_id')
        .where('pool_id', '=', poolId)
        .where('status', 'in', ['Pending', 'InProgress', 'Stopping'])
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    async dropFile(poolId, jobId) {
      await db.updateTable('user_import_jobs').set({ csv: null }).where('pool_id', '=', poolId).where('job_id', '=', jobId).execute();
    },
  };
}
