// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool-csv-header.html
import { CognitoError } from '../errors.ts';
import type { UserPool } from '../domain/types.ts';
import { checkAttributes, missingRequired } from '../domain/user.ts';
import type { Services } from '../services.ts';
import type { UserImportJob } from '../storage/ports.ts';
import { parseCsv } from './import-csv.ts';
import { csvHeader } from './import-jobs.ts';
import { createUser, saveUser } from './write-user.ts';

/**
 * Runs one import job the worker claimed (InProgress): reads the uploaded CSV file and creates
 * its users in RESET_REQUIRED (no password: each sets one through the forgot-password flow).
 * A user that already exists is skipped; a row that breaks a rule fails alone. The file as a
 * whole (no file, a header that is not the pool's, no auto-verified attribute) fails the job.
 */

/** Rows between two looks at the job's status (a StopUserImportJob) and two progress writes. */
const BATCH = 100;
/** Users an import file may hold, as Cognito allows. */
const MAX_USERS = 500_000;

type Counts = Pick<UserImportJob, 'imported' | 'skipped' | 'failed'>;

class FileRefused extends Error {}

/** The header checked against the pool's: every column present, none unknown, any order. */
function readHeader(pool: UserPool, header: string[]): Map<string, number> {
  const expected = csvHeader(pool);
  const columns = new Map(header.map((name, i) => [name.trim(), i]));
  const missing = expected.filter((name) => !columns.has(name));
  const unknown = [...columns.keys()].filter((name) => !expected.includes(name));
  if (missing.length > 0) throw new FileRefused(`The CSV header lacks columns: ${missing.join(', ')}.`);
  if (unknown.length > 0) throw new FileRefused(`The CSV header has columns the user pool does not have: ${unknown.join(', ')}.`);
  if (columns.size !== header.length) throw new FileRefused('The CSV header names a column twice.');
  return columns;
}

/** Why a row cannot be imported, or undefined when it can. */
function refusal(pool: UserPool, attributes: Record<string, string>, mfa: string | undefined): string | undefined {
  if (mfa !== 'true' && mfa !== 'false') return 'cognito:mfa_enabled must be true or false';
  const verified = (pool.config.AutoVerifiedAttributes ?? []).filter((a) => attributes[`${a}_verified`] === 'true');
  if (verified.length === 0) return `one of the auto-verified attributes must be verified: ${(pool.config.AutoVerifiedAttributes ?? []).join(', ')}`;
  for (const a of ['email', 'phone_number'] as const) {
    if (attributes[`${a}_verified`] === 'true' && !attributes[a]) return `${a}_verified is true but ${a} is empty`;
  }
  if (mfa === 'true' && !attributes.phone_number) return 'cognito:mfa_enabled is true but phone_number is empty';
  const missing = missingRequired(pool, attributes);
  if (missing.length > 0) return `required attributes are missing: ${missing.join(', ')}`;
  return undefined;
}

async function importRow(services: Services, pool: UserPool, columns: Map<string, number>, row: string[], counts: Counts, line: number): Promise<void> {
  const value = (name: string) => row[columns.get(name)!]?.trim() ?? '';
  const username = value('cognito:username');
  const attributes: Record<string, string> = {};
  for (const name of columns.keys()) {
    if (!name.startsWith('cognito:') && value(name) !== '') attributes[name] = value(name);
  }
  const reject = (why: string) => {
    counts.failed++;
    services.log.info({ userPoolId: pool.id, line, reason: why }, 'user import: row not imported');
  };
  if (row.length !== columns.size) return reject(`the row has ${row.length} fields, the header ${columns.size}`);
  if (username === '') return reject('cognito:username is empty');
  const why = refusal(pool, attributes, value('cognito:mfa_enabled'));
  if (why !== undefined) return reject(why);
  try {
    const checked = checkAttributes(
      pool,
      Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
      'create',
    );
    const user = await createUser(services, pool, { username, attributes: checked, status: 'RESET_REQUIRED' });
    if (value('cognito:mfa_enabled') === 'true') {
      // Imported MFA is SMS MFA, to the imported phone number.
      user.mfa = { smsEnabled: true };
      await saveUser(services, pool, user);
    }
    counts.imported++;
  } catch (error) {
    if (error instanceof CognitoError && error.type === 'UsernameExistsException') counts.skipped++;
    else if (error instanceof CognitoError) reject(error.message);
    else throw error;
  }
}

/**
 * Runs the job to its end (Succeeded, Failed or, when asked to stop, Stopped); when `shuttingDown`
 * turns true, the job is put back to Pending at the next batch.
 */
export async function runImportJob(services: Services, pool: UserPool, job: UserImportJob, shuttingDown: () => boolean = () => false): Promise<void> {
  const jobs = services.stores.importJobs;
  const counts: Counts = { imported: 0, skipped: 0, failed: 0 };
  const finish = async (status: 'Succeeded' | 'Failed' | 'Stopped', message: string) => {
    const completedAt = services.clock.now();
    const from = status === 'Stopped' ? (['Stopping'] as const) : (['InProgress', 'Stopping'] as const);
    await jobs.transition(pool.id, job.jobId, from, status, { ...counts, completedAt, completionMessage: message });
    await jobs.dropFile(pool.id, job.jobId);
    services.log.info({ userPoolId: pool.id, jobId: job.jobId, status, ...counts }, 'user import job ended');
  };
  try {
    const csv = await jobs.csv(pool.id, job.jobId);
    if (csv === undefined) throw new FileRefused('No CSV file was uploaded to the PreSignedUrl of the job.');
    if ((pool.config.AutoVerifiedAttributes ?? []).length === 0) {
      throw new FileRefused('The user pool has no auto-verified attributes: imported users could not reset their passwords.');
    }
    let rows: string[][];
    try {
      rows = parseCsv(csv);
    } catch (error) {
      throw new FileRefused(`The CSV file cannot be read: ${(error as Error).message}.`);
    }
    const [header, ...users] = rows;
    if (!header) throw new FileRefused('The CSV file is empty.');
    if (users.length > MAX_USERS) throw new FileRefused(`The CSV file holds more than ${MAX_USERS} users.`);
    const columns = readHeader(pool, header);
    for (let i = 0; i < users.length; i++) {
      if (i > 0 && i % BATCH === 0) {
        await jobs.progress(pool.id, job.jobId, counts);
        if ((await jobs.get(pool.id, job.jobId))?.status === 'Stopping') return finish('Stopped', 'Import Job Stopped');
        if (shuttingDown()) {
          await jobs.transition(pool.id, job.jobId, ['InProgress'], 'Pending');
          return;
        }
      }
      await importRow(services, pool, columns, users[i]!, counts, i + 2);
      // SQLite answers synchronously: without a turn of the event loop now and then, a large
      // import would hold every other request until it ends.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if ((await jobs.get(pool.id, job.jobId))?.status === 'Stopping') return finish('Stopped', 'Import Job Stopped');
    await finish('Succeeded', 'Import Job Completed Successfully.');
  } catch (error) {
    if (error instanceof FileRefused) return finish('Failed', error.message);
    throw error;
  }
}
