import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AddCustomAttributesCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ConfirmForgotPasswordCommand,
  CreateUserImportJobCommand,
  CreateUserPoolClientCommand,
  DescribeUserImportJobCommand,
  ForgotPasswordCommand,
  GetCSVHeaderCommand,
  InitiateAuthCommand,
  ListUserImportJobsCommand,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
  type UserImportJobType,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPool, lastCode } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-using-import-tool.html

const ROLE = 'arn:aws:iam::123456789012:role/CognitoImport';
const STANDARD = [
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'email_verified',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
  'phone_number_verified',
  'address',
  'updated_at',
];

/** A CSV file with the pool's header and these users (values by column; the rest empty). */
function csvFile(header: string[], users: Record<string, string>[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(','), ...users.map((u) => header.map((h) => quote(u[h] ?? '')).join(','))].join('\r\n');
}

async function upload(url: string, body: string) {
  // As the Cognito documentation uploads it: curl -T file -H "x-amz-server-side-encryption:aws:kms" URL.
  return fetch(url, { method: 'PUT', headers: { 'x-amz-server-side-encryption': 'aws:kms', 'content-type': 'text/csv' }, body });
}

async function until(server: TestServer, poolId: string, jobId: string, done: (job: UserImportJobType) => boolean): Promise<UserImportJobType> {
  for (let i = 0; i < 300; i++) {
    const { UserImportJob } = await server.sdk.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: jobId }));
    if (done(UserImportJob!)) return UserImportJob!;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`import job ${jobId} did not finish`);
}

async function importPool(server: TestServer) {
  return createPool(server, { AutoVerifiedAttributes: ['email'], Schema: [{ Name: 'plan', AttributeDataType: 'String' }] });
}

describeEachBackend('user import', ({ server }) => {
  test('GetCSVHeader: the pool’s attributes, its custom ones, then cognito:mfa_enabled and cognito:username', async () => {
    const poolId = await importPool(server());
    const { CSVHeader, UserPoolId } = await server().sdk.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
    assert.equal(UserPoolId, poolId);
    assert.deepEqual(CSVHeader, [...STANDARD, 'custom:plan', 'cognito:mfa_enabled', 'cognito:username']);
  });

  test('a job from creation to Succeeded: the CSV PUT to its PreSignedUrl, users in RESET_REQUIRED who then reset their passwords', async () => {
    const sdk = server().sdk;
    const poolId = await importPool(server());
    const { UserPoolClient } = await sdk.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    const clientId = UserPoolClient!.ClientId!;
    await sdk.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'existing', MessageAction: 'SUPPRESS' }));
    const { CSVHeader } = await sdk.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));

    const created = (await sdk.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'first import', CloudWatchLogsRoleArn: ROLE })))
      .UserImportJob!;
    assert.match(created.JobId!, /^import-[0-9a-zA-Z]{10}$/);
    assert.equal(created.Status, 'Created');
    assert.equal(created.JobName, 'first import');
    assert.equal(created.CloudWatchLogsRoleArn, ROLE);
    assert.deepEqual([created.ImportedUsers, created.SkippedUsers, created.FailedUsers], [0, 0, 0]);
    assert.ok(created.PreSignedUrl!.startsWith(`${server().url}/`) && created.PreSignedUrl!.length <= 2048);
    assert.ok(created.CreationDate instanceof Date);

    const users: Record<string, string>[] = [
      {
        'cognito:username': 'carol',
        'cognito:mfa_enabled': 'false',
        email: 'carol@example.com',
        email_verified: 'true',
        name: 'Carol, the first',
        'custom:plan': 'gold',
      },
      { 'cognito:username': 'dave', 'cognito:mfa_enabled': 'true', email: 'dave@example.com', email_verified: 'true', phone_number: '+14325550101' },
      { 'cognito:username': 'existing', 'cognito:mfa_enabled': 'false', email: 'x@example.com', email_verified: 'true' },
      { 'cognito:username': 'erin', 'cognito:mfa_enabled': 'false', email: 'erin@example.com', email_verified: 'false' },
      { 'cognito:username': 'frank', 'cognito:mfa_enabled': 'maybe', email: 'frank@example.com', email_verified: 'true' },
    ];
    const put = await upload(created.PreSignedUrl!, csvFile(CSVHeader!, users));
    assert.equal(put.status, 200);
    assert.ok(put.headers.get('etag'));

    const started = (await sdk.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: created.JobId! }))).UserImportJob!;
    assert.ok(['Pending', 'InProgress', 'Succeeded'].includes(started.Status!), started.Status);
    assert.ok(started.StartDate instanceof Date);
    const done = await until(server(), poolId, created.JobId!, (j) => j.Status === 'Succeeded' || j.Status === 'Failed');
    assert.equal(done.Status, 'Succeeded', done.CompletionMessage);
    assert.equal(done.CompletionMessage, 'Import Job Completed Successfully.');
    assert.deepEqual([done.ImportedUsers, done.SkippedUsers, done.FailedUsers], [2, 1, 2]);
    assert.ok(done.CompletionDate instanceof Date);

    const carol = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' }));
    assert.equal(carol.UserStatus, 'RESET_REQUIRED');
    const attrs = Object.fromEntries(carol.UserAttributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attrs.name, 'Carol, the first');
    assert.equal(attrs['custom:plan'], 'gold');
    assert.equal(attrs.email_verified, 'true');
    const dave = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dave' }));
    assert.deepEqual(dave.UserMFASettingList, ['SMS_MFA']);
    await rejectsWith(sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'erin' })), 'UserNotFoundException');

    // An imported user signs in after resetting the password, as the Cognito documentation describes.
    const signIn = (password: string) =>
      sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'carol', PASSWORD: password } }));
    await rejectsWith(signIn('Anything-1!'), 'PasswordResetRequiredException', 'Password reset required for the user');
    await sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'carol' }));
    const code = await lastCode(server(), poolId, 'carol');
    await sdk.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: 'carol', ConfirmationCode: code, Password: 'New-Passw0rd!' }));
    assert.ok((await signIn('New-Passw0rd!')).AuthenticationResult?.AccessToken);

    // The URL takes no file once the job started; a wrong signature never.
    assert.equal((await upload(created.PreSignedUrl!, 'a,b')).status, 403);
    const forged = new URL(created.PreSignedUrl!);
    forged.searchParams.set('X-Amz-Signature', 'f'.repeat(64));
    const refused = await upload(forged.toString(), 'a,b');
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    await rejectsWith(
      sdk.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: created.JobId! })),
      'PreconditionNotMetException',
      `Import job ${created.JobId} cannot be started: its status is Succeeded.`,
    );
  });

  test('jobs that fail as a whole: no file, a header that is not the pool’s, a pool without auto-verified attributes', async () => {
    const sdk = server().sdk;
    const poolId = await importPool(server());
    const run = async (file: string | undefined, pool = poolId) => {
      const job = (await sdk.send(new CreateUserImportJobCommand({ UserPoolId: pool, JobName: 'bad', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
      if (file !== undefined) assert.equal((await upload(job.PreSignedUrl!, file)).status, 200);
      await sdk.send(new StartUserImportJobCommand({ UserPoolId: pool, JobId: job.JobId! }));
      return until(server(), pool, job.JobId!, (j) => j.Status === 'Failed' || j.Status === 'Succeeded');
    };
    const noFile = await run(undefined);
    assert.equal(noFile.Status, 'Failed');
    assert.equal(noFile.CompletionMessage, 'No CSV file was uploaded to the PreSignedUrl of the job.');
    const header = await run('cognito:username,email\nbob,bob@example.com');
    assert.equal(header.Status, 'Failed');
    assert.match(header.CompletionMessage!, /^The CSV header lacks columns: name, given_name/);
    const noVerified = await run(csvFile(['cognito:username'], []), await createPool(server()));
    assert.equal(noVerified.CompletionMessage, 'The user pool has no auto-verified attributes: imported users could not reset their passwords.');
  });

  test('stopping: a Created job cannot be stopped; a running one stops at its next batch', async () => {
    const sdk = server().sdk;
    const poolId = await importPool(server());
    const { CSVHeader } = await sdk.send(new GetCSVHeaderCommand({ UserPoolId: poolId }));
    const job = (await sdk.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'big', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
    await rejectsWith(
      sdk.send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! })),
      'PreconditionNotMetException',
      `Import job ${job.JobId} cannot be stopped: its status is Created.`,
    );
    const users = Array.from({ length: 1500 }, (_, i) => ({
      'cognito:username': `u${i}`,
      'cognito:mfa_enabled': 'false',
      email: `u${i}@example.com`,
      email_verified: 'true',
    }));
    assert.equal((await upload(job.PreSignedUrl!, csvFile(CSVHeader!, users))).status, 200);
    await sdk.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }));
    const stopping = (await sdk.send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }))).UserImportJob!;
    assert.ok(['Stopping', 'Stopped'].includes(stopping.Status!), stopping.Status);
    const stopped = await until(server(), poolId, job.JobId!, (j) => j.Status === 'Stopped');
    assert.equal(stopped.CompletionMessage, 'Import Job Stopped');
    assert.ok(stopped.ImportedUsers! < 1500, `${stopped.ImportedUsers} imported`);
  });

  test('a job not started within a day expires; ListUserImportJobs pages newest first; no custom attributes while a job runs', async () => {
    const sdk = server().sdk;
    const poolId = await importPool(server());
    const old = (await sdk.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'old', CloudWatchLogsRoleArn: ROLE }))).UserImportJob!;
    server().clock.advance(25 * 60 * 60 * 1000);
    const fresh = (
      await sdk.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: 'fresh', CloudWatchLogsRoleArn: ROLE, PasswordHashingAlgorithm: 'BCRYPT' }))
    ).UserImportJob!;
    assert.equal(fresh.PasswordHashingAlgorithm, 'BCRYPT');
    assert.equal((await sdk.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: old.JobId! }))).UserImportJob!.Status, 'Expired');
    await rejectsWith(
      sdk.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: old.JobId! })),
      'PreconditionNotMetException',
      `Import job ${old.JobId} cannot be started: its status is Expired.`,
    );
    assert.equal((await upload(old.PreSignedUrl!, 'x')).status, 403);

    const page1 = await sdk.send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 1 }));
    assert.deepEqual(
      page1.UserImportJobs!.map((j) => j.JobName),
      ['fresh'],
    );
    const page2 = await sdk.send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 1, PaginationToken: page1.PaginationToken }));
    assert.deepEqual(
      page2.UserImportJobs!.map((j) => [j.JobName, j.Status]),
      [['old', 'Expired']],
    );
    assert.equal(page2.PaginationToken, undefined);
    await rejectsWith(
      sdk.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: 'import-nothere' })),
      'ResourceNotFoundException',
      'Import job import-nothere does not exist.',
    );

    await server().services.stores.importJobs.transition(poolId, fresh.JobId!, ['Created'], 'InProgress');
    await rejectsWith(
      sdk.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'late' }] })),
      'UserImportInProgressException',
      'Custom attributes cannot be added while a user import job is running.',
    );
  });
});
