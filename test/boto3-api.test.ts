import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import {
  AddUserPoolClientSecretCommand,
  AdminGetDeviceCommand,
  CreateTermsCommand,
  CreateUserPoolClientCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserImportJobCommand,
  GetUserPoolSessionConfigurationCommand,
  ListTagsForResourceCommand,
  ListUserPoolClientSecretsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { newDeviceMetadata } from '../src/devices/devices.ts';
import { allFlows } from './support/auth.ts';
import { assertSameAsJs, boto3RejectsWith, describeBoto3 } from './support/boto3.ts';

// The operations of issue 17 through boto3 (the AWS SDK for Python), compared with what the
// JavaScript SDK sees; the behaviour itself is pinned by the JS SDK tests named in each test.
//
// Debian's python3-boto3 (1.26, botocore 1.29: what CI installs) predates the operations below:
// boto3 cannot call them. They are covered with the AWS SDK v3 in the files named. The last test
// here calls some of them through boto3 when the installed botocore is newer and knows them, and
// checks that cognate serves every one the installed botocore lacks.
const newerThanDebianBotocore: Record<string, string[]> = {
  'test/client-secrets.test.ts': ['AddUserPoolClientSecret', 'DeleteUserPoolClientSecret', 'ListUserPoolClientSecrets'],
  'test/pool-settings.test.ts': ['GetLogDeliveryConfiguration', 'SetLogDeliveryConfiguration'],
  'test/managed-login.test.ts': [
    'CreateManagedLoginBranding',
    'DeleteManagedLoginBranding',
    'DescribeManagedLoginBranding',
    'DescribeManagedLoginBrandingByClient',
    'UpdateManagedLoginBranding',
    'CreateTerms',
    'DeleteTerms',
    'DescribeTerms',
    'DescribeTermsByClient',
    'ListTerms',
    'UpdateTerms',
  ],
  'test/replicas-and-limits.test.ts': [
    'GetUserPoolSessionConfiguration',
    'SetUserPoolSessionConfiguration',
    'GetUserPoolClientSessionConfiguration',
    'SetUserPoolClientSessionConfiguration',
    'CreateUserPoolReplica',
    'DeleteUserPoolReplica',
    'ListUserPoolReplicas',
    'UpdateUserPoolReplica',
    'GetProvisionedLimit',
    'UpdateProvisionedLimit',
  ],
  'test/user-sessions.test.ts': [
    'ListUserSessions',
    'AdminListUserSessions',
    'RevokeUserSession',
    'AdminRevokeUserSession',
    'AdminDeleteSoftwareToken',
    'GetClientToken',
  ],
};

const ROLE = 'arn:aws:iam::123456789012:role/CognitoImport';
/** A 1×1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describeBoto3('boto3: pool settings, user import, devices and the newest operations', ({ server, boto3 }) => {
  const newPool = async (input: Record<string, unknown> = {}) =>
    (await boto3().call('create_user_pool', { PoolName: 'api', ...input })).UserPool as { Id: string; Arn: string };
  let known: Set<string> | undefined;
  /** The operations the installed botocore knows, by wire name. */
  const botocoreKnows = async () => {
    known ??= new Set(await boto3().python('result = list(client.meta.service_model.operation_names)'));
    return known;
  };

  test('tag_resource, untag_resource, list_tags_for_resource (test/pool-settings.test.ts)', async () => {
    const pool = await newPool({ UserPoolTags: { team: 'a' } });
    await boto3().call('tag_resource', { ResourceArn: pool.Arn, Tags: { stage: 'dev' } });
    await boto3().call('untag_resource', { ResourceArn: pool.Arn, TagKeys: ['team'] });
    const listed = await boto3().call('list_tags_for_resource', { ResourceArn: pool.Arn });
    assert.deepEqual(listed.Tags, { stage: 'dev' });
    assertSameAsJs(listed, await server().sdk.send(new ListTagsForResourceCommand({ ResourceArn: pool.Arn })), ['Tags']);
    assert.deepEqual((await boto3().call('describe_user_pool', { UserPoolId: pool.Id })).UserPool.UserPoolTags, { stage: 'dev' });
    await boto3RejectsWith(
      boto3().call('list_tags_for_resource', { ResourceArn: pool.Arn.replace(pool.Id, 'us-east-1_Missing99') }),
      'ResourceNotFoundException',
      'User pool us-east-1_Missing99 does not exist.',
    );
  });

  test('add_custom_attributes and get_signing_certificate (test/pool-settings.test.ts)', async () => {
    const pool = await newPool();
    await boto3().call('add_custom_attributes', { UserPoolId: pool.Id, CustomAttributes: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }] });
    const { UserPool } = await boto3().call('describe_user_pool', { UserPoolId: pool.Id });
    assert.ok(UserPool.SchemaAttributes.some((a: { Name: string }) => a.Name === 'custom:tier'));
    await boto3RejectsWith(
      boto3().call('add_custom_attributes', { UserPoolId: pool.Id, CustomAttributes: [{ Name: 'tier' }] }),
      'InvalidParameterException',
      'Existing attribute already has name custom:tier.',
    );
    const { Certificate } = await boto3().call('get_signing_certificate', { UserPoolId: pool.Id });
    const cert = new X509Certificate(Buffer.from(Certificate, 'base64'));
    assert.ok(cert.verify(cert.publicKey));
    assert.equal((await boto3().call('get_signing_certificate', { UserPoolId: pool.Id })).Certificate, Certificate);
  });

  test('set_ui_customization with an image file, get_ui_customization; set/describe_risk_configuration (test/pool-settings.test.ts)', async () => {
    const pool = await newPool();
    const set = await boto3().python(
      `import base64
result = client.set_ui_customization(UserPoolId=pool_id, CSS='.banner-customizable { background: red; }', ImageFile=base64.b64decode(png))`,
      { pool_id: pool.Id, png: PNG_BASE64 },
    );
    assert.equal(set.UICustomization.ClientId, 'ALL');
    const image = await fetch(set.UICustomization.ImageUrl);
    assert.equal(Buffer.from(await image.arrayBuffer()).toString('base64'), PNG_BASE64);
    const got = await boto3().call('get_ui_customization', { UserPoolId: pool.Id });
    assert.equal(got.UICustomization.CSS, '.banner-customizable { background: red; }');
    assert.match(got.UICustomization.LastModifiedDate, /\+00:00$/);

    const risk = await boto3().call('set_risk_configuration', {
      UserPoolId: pool.Id,
      CompromisedCredentialsRiskConfiguration: { EventFilter: ['SIGN_IN'], Actions: { EventAction: 'BLOCK' } },
      RiskExceptionConfiguration: { BlockedIPRangeList: ['192.0.2.0/24'] },
    });
    assert.deepEqual(risk.RiskConfiguration.CompromisedCredentialsRiskConfiguration, { EventFilter: ['SIGN_IN'], Actions: { EventAction: 'BLOCK' } });
    const described = await boto3().call('describe_risk_configuration', { UserPoolId: pool.Id });
    assertSameAsJs(described, await server().sdk.send(new DescribeRiskConfigurationCommand({ UserPoolId: pool.Id })), ['RiskConfiguration']);
    await boto3RejectsWith(
      boto3().call('set_risk_configuration', { UserPoolId: pool.Id, RiskExceptionConfiguration: { BlockedIPRangeList: ['nonsense'] } }),
      'InvalidParameterException',
      'nonsense is not an IP address range in CIDR notation.',
    );
  });

  test('a user import from Python: get_csv_header, create_user_import_job, the PUT, start, describe, list (test/user-import.test.ts)', async () => {
    const pool = await newPool({ AutoVerifiedAttributes: ['email'] });
    const { CSVHeader } = await boto3().call('get_csv_header', { UserPoolId: pool.Id });
    const { UserImportJob: job } = await boto3().call('create_user_import_job', { UserPoolId: pool.Id, JobName: 'from python', CloudWatchLogsRoleArn: ROLE });
    assert.equal(job.Status, 'Created');
    const values: Record<string, string> = { 'cognito:username': 'grace', 'cognito:mfa_enabled': 'false', email: 'grace@example.com', email_verified: 'true' };
    const csv = `${CSVHeader.join(',')}\n${CSVHeader.map((h: string) => values[h] ?? '').join(',')}\n`;
    // The upload as the Cognito documentation's Python example makes it: a PUT to the pre-signed URL.
    const status = await boto3().python(
      `import urllib.request
request = urllib.request.Request(url, data=csv.encode('utf-8'), method='PUT', headers={'x-amz-server-side-encryption': 'aws:kms'})
with urllib.request.urlopen(request) as response:
    result = response.status`,
      { url: job.PreSignedUrl, csv },
    );
    assert.equal(status, 200);
    const started = await boto3().call('start_user_import_job', { UserPoolId: pool.Id, JobId: job.JobId });
    assert.ok(['Pending', 'InProgress', 'Succeeded'].includes(started.UserImportJob.Status));
    let done: any;
    for (let i = 0; i < 200; i++) {
      done = (await boto3().call('describe_user_import_job', { UserPoolId: pool.Id, JobId: job.JobId })).UserImportJob;
      if (done.Status === 'Succeeded' || done.Status === 'Failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(done.Status, 'Succeeded');
    assert.equal(done.ImportedUsers, 1);
    assertSameAsJs(done, (await server().sdk.send(new DescribeUserImportJobCommand({ UserPoolId: pool.Id, JobId: job.JobId }))).UserImportJob, [
      'JobId',
      'CreationDate',
      'StartDate',
      'CompletionDate',
      'ImportedUsers',
    ]);
    assert.equal((await boto3().call('admin_get_user', { UserPoolId: pool.Id, Username: 'grace' })).UserStatus, 'RESET_REQUIRED');
    const listed = await boto3().call('list_user_import_jobs', { UserPoolId: pool.Id, MaxResults: 10 });
    assert.deepEqual(
      listed.UserImportJobs.map((j: { JobId: string }) => j.JobId),
      [job.JobId],
    );
    await boto3RejectsWith(
      boto3().call('stop_user_import_job', { UserPoolId: pool.Id, JobId: job.JobId }),
      'PreconditionNotMetException',
      `Import job ${job.JobId} cannot be stopped: its status is Succeeded.`,
    );
  });

  test('get_device and list_devices answer the dev: attributes admin_get_device does (test/devices.test.ts)', async () => {
    const pool = await newPool({ DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false } });
    const { UserPoolClient } = await boto3().call('create_user_pool_client', { UserPoolId: pool.Id, ClientName: 'app', ExplicitAuthFlows: allFlows });
    await boto3().call('admin_create_user', { UserPoolId: pool.Id, Username: 'henry', MessageAction: 'SUPPRESS' });
    await boto3().call('admin_set_user_password', { UserPoolId: pool.Id, Username: 'henry', Password: 'Corr3ct-Horse!', Permanent: true });
    const { AuthenticationResult } = await boto3().call('initiate_auth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: UserPoolClient.ClientId,
      AuthParameters: { USERNAME: 'henry', PASSWORD: 'Corr3ct-Horse!' },
    });
    // A remembered device, written the way ConfirmDevice leaves one (the device SRP is tested elsewhere).
    const s = server().services;
    const storedPool = (await s.stores.pools.get(pool.Id))!;
    const user = (await s.stores.users.get(pool.Id, 'henry'))!;
    const { DeviceKey } = await newDeviceMetadata(s, storedPool, user, { ip: '192.0.2.1' });
    await s.stores.devices.confirm(pool.Id, DeviceKey, { salt: 'aa', verifier: 'bb', name: 'Pixel', status: 'remembered', updatedAt: s.clock.now() });

    const own = await boto3().call('get_device', { AccessToken: AuthenticationResult.AccessToken, DeviceKey });
    const admin = await boto3().call('admin_get_device', { UserPoolId: pool.Id, Username: 'henry', DeviceKey });
    assert.deepEqual(own.Device.DeviceAttributes, admin.Device.DeviceAttributes);
    assert.deepEqual(
      own.Device.DeviceAttributes.map((a: { Name: string }) => a.Name),
      ['device_status', 'device_name', 'dev:device_arn', 'dev:device_owner', 'last_ip_used', 'dev:device_remembered_status', 'dev:device_sdk'],
    );
    const listed = await boto3().call('list_devices', { AccessToken: AuthenticationResult.AccessToken });
    assert.deepEqual(listed.Devices[0].DeviceAttributes, admin.Device.DeviceAttributes);
    assertSameAsJs(own.Device, (await server().sdk.send(new AdminGetDeviceCommand({ UserPoolId: pool.Id, Username: 'henry', DeviceKey }))).Device, [
      'DeviceKey',
      'DeviceAttributes',
      'DeviceCreateDate',
    ]);
  });

  test('a sample of the older operations: global_sign_out and revoke_token end what they should', async () => {
    const pool = await newPool();
    const { UserPoolClient } = await boto3().call('create_user_pool_client', { UserPoolId: pool.Id, ClientName: 'app', ExplicitAuthFlows: allFlows });
    await boto3().call('admin_create_user', { UserPoolId: pool.Id, Username: 'ivy', MessageAction: 'SUPPRESS' });
    await boto3().call('admin_set_user_password', { UserPoolId: pool.Id, Username: 'ivy', Password: 'Corr3ct-Horse!', Permanent: true });
    const signIn = async () =>
      (
        await boto3().call('initiate_auth', {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: UserPoolClient.ClientId,
          AuthParameters: { USERNAME: 'ivy', PASSWORD: 'Corr3ct-Horse!' },
        })
      ).AuthenticationResult;
    const first = await signIn();
    await boto3().call('revoke_token', { Token: first.RefreshToken, ClientId: UserPoolClient.ClientId });
    await boto3RejectsWith(boto3().call('get_user', { AccessToken: first.AccessToken }), 'NotAuthorizedException', 'Access Token has been revoked');
    const second = await signIn();
    await boto3().call('global_sign_out', { AccessToken: second.AccessToken });
    await boto3RejectsWith(
      boto3().call('initiate_auth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: UserPoolClient.ClientId,
        AuthParameters: { REFRESH_TOKEN: second.RefreshToken },
      }),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    await boto3RejectsWith(
      boto3().call('revoke_token', { Token: 'a'.repeat(200_000), ClientId: UserPoolClient.ClientId }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'token' failed to satisfy constraint: Member must have length less than or equal to 131072",
    );
  });

  test('the newest operations: through boto3 where botocore knows them, else checked absent (covered with the AWS SDK v3)', async (t) => {
    const knows = await botocoreKnows();
    const newest = Object.values(newerThanDebianBotocore).flat();
    const missing = newest.filter((name) => !knows.has(name));
    t.diagnostic(`botocore ${boto3().versions.botocore} lacks ${missing.length} of the ${newest.length}: ${missing.join(', ') || 'none'}`);
    const pool = await newPool();

    if (knows.has('AddUserPoolClientSecret') && knows.has('ListUserPoolClientSecrets')) {
      const { UserPoolClient } = await boto3().call('create_user_pool_client', { UserPoolId: pool.Id, ClientName: 'm2m', GenerateSecret: true });
      const added = await boto3().call('add_user_pool_client_secret', { UserPoolId: pool.Id, ClientId: UserPoolClient.ClientId });
      assert.match(added.ClientSecretDescriptor.ClientSecretValue, /^[\w+]{24,64}$/);
      const listed = await boto3().call('list_user_pool_client_secrets', { UserPoolId: pool.Id, ClientId: UserPoolClient.ClientId });
      assertSameAsJs(listed, await server().sdk.send(new ListUserPoolClientSecretsCommand({ UserPoolId: pool.Id, ClientId: UserPoolClient.ClientId })), [
        'ClientSecrets',
      ]);
      await boto3RejectsWith(
        boto3().call('add_user_pool_client_secret', { UserPoolId: pool.Id, ClientId: UserPoolClient.ClientId }),
        'LimitExceededException',
        /already has 2 client secrets/,
      );
    } else {
      // Still served: the JavaScript SDK reaches it.
      const { UserPoolClient } = await server().sdk.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'm2m', GenerateSecret: true }));
      const added = await server().sdk.send(new AddUserPoolClientSecretCommand({ UserPoolId: pool.Id, ClientId: UserPoolClient!.ClientId! }));
      assert.ok(added.ClientSecretDescriptor!.ClientSecretValue);
    }

    if (knows.has('CreateTerms') && knows.has('ListTerms')) {
      const { UserPoolClient } = await boto3().call('create_user_pool_client', { UserPoolId: pool.Id, ClientName: 'web' });
      const created = await boto3().call('create_terms', {
        UserPoolId: pool.Id,
        ClientId: UserPoolClient.ClientId,
        TermsName: 'terms-of-use',
        TermsSource: 'LINK',
        Enforcement: 'NONE',
        Links: { 'cognito:default': 'https://example.com/terms' },
      });
      const listed = await boto3().call('list_terms', { UserPoolId: pool.Id });
      assert.deepEqual(
        listed.Terms.map((x: { TermsId: string }) => x.TermsId),
        [created.Terms.TermsId],
      );
    } else {
      const { UserPoolClient } = await server().sdk.send(new CreateUserPoolClientCommand({ UserPoolId: pool.Id, ClientName: 'web' }));
      const created = await server().sdk.send(
        new CreateTermsCommand({
          UserPoolId: pool.Id,
          ClientId: UserPoolClient!.ClientId!,
          TermsName: 'terms-of-use',
          TermsSource: 'LINK',
          Enforcement: 'NONE',
          Links: { 'cognito:default': 'https://example.com/terms' },
        }),
      );
      assert.ok(created.Terms!.TermsId);
    }

    if (knows.has('SetLogDeliveryConfiguration') && knows.has('GetLogDeliveryConfiguration')) {
      const configurations = [
        { EventSource: 'userNotification', LogLevel: 'ERROR', CloudWatchLogsConfiguration: { LogGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:x` } },
      ];
      await boto3().call('set_log_delivery_configuration', { UserPoolId: pool.Id, LogConfigurations: configurations });
      const got = await boto3().call('get_log_delivery_configuration', { UserPoolId: pool.Id });
      assert.deepEqual(got.LogDeliveryConfiguration.LogConfigurations, configurations);
    }

    if (knows.has('CreateManagedLoginBranding') && knows.has('DescribeManagedLoginBrandingByClient')) {
      const { UserPoolClient } = await boto3().call('create_user_pool_client', { UserPoolId: pool.Id, ClientName: 'styled' });
      const created = await boto3().call('create_managed_login_branding', {
        UserPoolId: pool.Id,
        ClientId: UserPoolClient.ClientId,
        Settings: { components: {} },
      });
      const byClient = await boto3().call('describe_managed_login_branding_by_client', { UserPoolId: pool.Id, ClientId: UserPoolClient.ClientId });
      assert.equal(byClient.ManagedLoginBranding.ManagedLoginBrandingId, created.ManagedLoginBranding.ManagedLoginBrandingId);
      assert.deepEqual(byClient.ManagedLoginBranding.Settings, { components: {} });
      await boto3RejectsWith(
        boto3().call('create_managed_login_branding', { UserPoolId: pool.Id, ClientId: UserPoolClient.ClientId, UseCognitoProvidedValues: true }),
        'ManagedLoginBrandingExistsException',
      );
    }

    if (knows.has('GetUserPoolSessionConfiguration')) {
      const got = await boto3().call('get_user_pool_session_configuration', { UserPoolId: pool.Id });
      assertSameAsJs(got, await server().sdk.send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: pool.Id })), [
        'UserSessionTracking',
        'TokenSession',
      ]);
    } else {
      const got = await server().sdk.send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: pool.Id }));
      assert.equal(got.UserSessionTracking, 'DISABLED');
    }
    // Every other operation botocore lacks is answered by cognate all the same.
    for (const name of missing) {
      const answer = await fetch(server().url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${name}`,
          authorization: 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00',
        },
        body: '{}',
      });
      const body = (await answer.json()) as { __type: string };
      assert.notEqual(body.__type, 'UnsupportedOperationException', name);
      assert.notEqual(body.__type, 'UnknownOperationException', name);
    }
  });
});
