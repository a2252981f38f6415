// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserImportJob.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartUserImportJob.html
import { randomInt } from 'node:crypto';
import { fail } from '../errors.ts';
import { schemaOf } from '../domain/pool.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { UserImportJob } from '../storage/ports.ts';

/**
 * User import jobs: created with a PreSignedUrl the CSV file is PUT to (served by cognate, as an
 * S3 pre-signed URL takes it), started, run in the background by the import worker (which
 * creates the users in RESET_REQUIRED), stopped, described and listed.
 */

/** A job not started within this time expires, as its upload URL does. */
export const IMPORT_JOB_EXPIRY_MS = 24 * 60 * 60 * 1000;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `import-` and 10 alphanumerics, within the model's `import-[0-9a-zA-Z-]+`. */
function newJobId(): string {
  let id = 'import-';
  for (let i = 0; i < 10; i++) id += ALNUM[randomInt(ALNUM.length)];
  return id;
}

/** The signature in a job's upload URL: a keyed hash of the job, so only its URL can upload to it. */
export const uploadSignature = (services: Services, poolId: string, jobId: string) => services.sealer.digest(`user-import:${poolId}/${jobId}`);

/** Where the CSV file of a job is PUT. */
export function preSignedUrl(services: Services, job: Pick<UserImportJob, 'poolId' | 'jobId' | 'createdAt'>): string {
  const query = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Date': new Date(job.createdAt).toISOString().replace(/[-:]|\.\d{3}/g, ''),
    'X-Amz-Expires': String(IMPORT_JOB_EXPIRY_MS / 1000),
    'X-Amz-Signature': uploadSignature(services, job.poolId, job.jobId),
  });
  return `${services.baseUrl()}/_cognate/user-import/${encodeURIComponent(job.poolId)}/${encodeURIComponent(job.jobId)}?${query}`;
}

/** Whether a Created job has outlived its upload URL. */
export const expired = (services: Services, job: UserImportJob) => job.status === 'Created' && services.clock.now() - job.createdAt > IMPORT_JOB_EXPIRY_MS;

/** UserImportJobType. */
export function describeImportJob(services: Services, job: UserImportJob) {
  const status = expired(services, job) ? 'Expired' : job.status;
  return {
    JobName: job.name,
    JobId: job.jobId,
    UserPoolId: job.poolId,
    PreSignedUrl: preSignedUrl(services, job),
    CreationDate: job.createdAt / 1000,
    ...(job.startedAt !== undefined ? { StartDate: job.startedAt / 1000 } : {}),
    ...(job.completedAt !== undefined ? { CompletionDate: job.completedAt / 1000 } : {}),
    Status: status,
    CloudWatchLogsRoleArn: job.roleArn,
    ImportedUsers: job.imported,
    SkippedUsers: job.skipped,
    FailedUsers: job.failed,
    ...(job.completionMessage !== undefined ? { CompletionMessage: job.completionMessage } : {}),
    ...(job.passwordHashingAlgorithm !== undefined ? { PasswordHashingAlgorithm: job.passwordHashingAlgorithm } : {}),
  };
}

/** The columns of an import file: the pool's attributes (but `sub`), then `cognito:mfa_enabled` and `cognito:username`. */
export function csvHeader(pool: UserPool): string[] {
  const attributes = schemaOf(pool.config)
    .map((a) => a.Name)
    .filter((name) => name !== 'sub' && !name.startsWith('dev:'));
  return [...attributes, 'cognito:mfa_enabled', 'cognito:username'];
}

export async function createImportJob(services: Services, pool: UserPool, name: string, roleArn: string, passwordHashingAlgorithm?: string) {
  const job: UserImportJob = {
    poolId: pool.id,
    jobId: newJobId(),
    name,
    status: 'Created',
    roleArn,
    passwordHashingAlgorithm,
    uploaded: false,
    imported: 0,
    skipped: 0,
    failed: 0,
    completionMessage: undefined,
    createdAt: services.clock.now(),
    startedAt: undefined,
    completedAt: undefined,
  };
  await services.stores.importJobs.create(job);
  return job;
}

export async function loadImportJob(services: Services, pool: UserPool, jobId: string): Promise<UserImportJob> {
  const job = await services.stores.importJobs.get(pool.id, jobId);
  if (!job) throw fail('ResourceNotFoundException', `Import job ${jobId} does not exist.`);
  return job;
}

const notNow = (job: UserImportJob, what: string, status: string) =>
  fail('PreconditionNotMetException', `Import job ${job.jobId} cannot be ${what}: its status is ${status}.`);

/** Queues a Created job for the import worker. */
export async function startImportJob(services: Services, pool: UserPool, jobId: string): Promise<UserImportJob> {
  const job = await loadImportJob(services, pool, jobId);
  if (expired(services, job)) throw notNow(job, 'started', 'Expired');
  const startedAt = services.clock.now();
  if (!(await services.stores.importJobs.transition(pool.id, jobId, ['Created'], 'Pending', { startedAt }))) {
    throw notNow(job, 'started', (await loadImportJob(services, pool, jobId)).status);
  }
  services.nudgeImports();
  return loadImportJob(services, pool, jobId);
}

/** Stops a job: at once when still Pending, else at the worker's next batch (Stopping, then Stopped). */
export async function stopImportJob(services: Services, pool: UserPool, jobId: string): Promise<UserImportJob> {
  const job = await loadImportJob(services, pool, jobId);
  const now = services.clock.now();
  const jobs = services.stores.importJobs;
  const stopped =
    (await jobs.transition(pool.id, jobId, ['Pending'], 'Stopped', { completedAt: now, completionMessage: 'Import Job Stopped' })) ||
    (await jobs.transition(pool.id, jobId, ['InProgress'], 'Stopping'));
  if (!stopped) throw notNow(job, 'stopped', (await loadImportJob(services, pool, jobId)).status);
  return loadImportJob(services, pool, jobId);
}

/**
 * Stores the CSV file PUT to a job's upload URL: only while the job is Created and unexpired
 * (`false` otherwise).
 */
export async function uploadImportFile(services: Services, pool: UserPool, job: UserImportJob, csv: string): Promise<boolean> {
  if (expired(services, job)) return false;
  return services.stores.importJobs.upload(pool.id, job.jobId, csv);
}
