import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DescribeUserPoolClientCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { assertSameAsJs, boto3RejectsWith, describeBoto3 } from './support/boto3.ts';

// Pools and app clients through boto3 (the AWS SDK for Python): what a Python user sees, compared
// with what the JavaScript SDK tests assert (test/pools.test.ts, test/clients.test.ts, test/sigv4.test.ts).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;

describeBoto3('boto3: user pools and app clients', ({ server, boto3 }) => {
  test('create_user_pool then describe_user_pool: the settings, defaults and dates, as the JS SDK sees them', async (t) => {
    const { versions } = boto3();
    t.diagnostic(`boto3 ${versions.boto3}, botocore ${versions.botocore}, Python ${versions.python}`);
    assert.match(versions.botocore, /^1\.\d+\.\d+$/);
    const created = await boto3().call('create_user_pool', {
      PoolName: 'orders',
      UsernameAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false } },
      UserPoolTags: { team: 'a' },
    });
    const id: string = created.UserPool.Id;
    assert.match(id, /^us-east-1_[0-9A-Za-z]{9}$/);
    assert.equal(created.ResponseMetadata.HTTPStatusCode, 200);
    assert.match(created.ResponseMetadata.RequestId, UUID, 'botocore reads x-amzn-RequestId');

    const { UserPool } = await boto3().call('describe_user_pool', { UserPoolId: id });
    assert.equal(UserPool.Name, 'orders');
    assert.deepEqual(UserPool.UsernameAttributes, ['email']);
    assert.equal(UserPool.Policies.PasswordPolicy.MinimumLength, 10);
    assert.equal(UserPool.Policies.PasswordPolicy.RequireSymbols, false);
    assert.equal(UserPool.Policies.PasswordPolicy.RequireUppercase, true);
    assert.equal(UserPool.MfaConfiguration, 'OFF');
    assert.deepEqual(UserPool.UserPoolTags, { team: 'a' });
    // botocore parsed the epoch-seconds dates into datetimes (the driver answers them in UTC).
    assert.match(UserPool.CreationDate, ISO_UTC);
    assert.ok(Math.abs(Date.parse(UserPool.CreationDate) - server().clock.now()) < 60_000);

    const js = await server().sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    assertSameAsJs(UserPool, js.UserPool, ['Id', 'Name', 'Policies', 'SchemaAttributes', 'CreationDate', 'LastModifiedDate', 'AdminCreateUserConfig']);
  });

  test('list_user_pools pages with MaxResults and NextToken, and boto3 paginator agrees', async () => {
    const mine: string[] = [];
    for (const name of ['list-a', 'list-b', 'list-c']) mine.push((await boto3().call('create_user_pool', { PoolName: name })).UserPool.Id);
    const { manual, paginated } = await boto3().python(`
manual = []
token = None
while True:
    page = client.list_user_pools(MaxResults=2, **({'NextToken': token} if token else {}))
    manual.append([p['Id'] for p in page['UserPools']])
    for p in page['UserPools']:
        assert type(p['CreationDate']).__name__ == 'datetime', p
    token = page.get('NextToken')
    if not token:
        break
pages = client.get_paginator('list_user_pools').paginate(PaginationConfig={'PageSize': 2})
paginated = [[p['Id'] for p in page['UserPools']] for page in pages]
result = {'manual': manual, 'paginated': paginated}
`);
    const seen = (manual as string[][]).flat();
    assert.equal(new Set(seen).size, seen.length, 'no pool listed twice');
    for (const id of mine) assert.ok(seen.includes(id), `${id} listed`);
    for (const page of manual as string[][]) assert.ok(page.length >= 1 && page.length <= 2);
    assert.equal((manual as string[][]).length, Math.ceil(seen.length / 2));
    assert.deepEqual(paginated, manual);
    const all = await boto3().call('list_user_pools', { MaxResults: 60 });
    assert.equal(all.NextToken, undefined);
    assert.deepEqual(
      all.UserPools.map((p: { Id: string }) => p.Id),
      seen,
    );
  });

  test('create_user_pool_client with a secret; describe_user_pool_client returns it, as the JS SDK sees it', async () => {
    const poolId = (await boto3().call('create_user_pool', { PoolName: 'clients' })).UserPool.Id;
    const { UserPoolClient: created } = await boto3().call('create_user_pool_client', {
      UserPoolId: poolId,
      ClientName: 'web',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    assert.match(created.ClientId, /^[a-z0-9]{26}$/);
    assert.match(created.ClientSecret, /^[\w+]{1,64}$/);
    assert.equal(created.UserPoolId, poolId);
    assert.deepEqual(created.ExplicitAuthFlows, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    assert.deepEqual(created.TokenValidityUnits, { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' });
    assert.equal(created.RefreshTokenValidity, 30);
    assert.match(created.CreationDate, ISO_UTC);

    const { UserPoolClient } = await boto3().call('describe_user_pool_client', { UserPoolId: poolId, ClientId: created.ClientId });
    assert.deepEqual(UserPoolClient, created);
    const js = await server().sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId }));
    assertSameAsJs(UserPoolClient, js.UserPoolClient, ['ClientId', 'ClientSecret', 'ClientName', 'CreationDate', 'LastModifiedDate', 'ExplicitAuthFlows']);

    const list = await boto3().call('list_user_pool_clients', { UserPoolId: poolId });
    assert.deepEqual(list.UserPoolClients, [{ ClientId: created.ClientId, ClientName: 'web', UserPoolId: poolId }]);
  });

  test('errors: botocore parses the envelope into the modeled exception, its code and message', async () => {
    const e = await boto3RejectsWith(
      boto3().call('describe_user_pool', { UserPoolId: 'us-east-1_nope12345' }),
      'ResourceNotFoundException',
      'User pool us-east-1_nope12345 does not exist.',
    );
    assert.match(e.$metadata.requestId!, UUID);
    // Validation that botocore leaves to the server (it checks no maximum and no enum).
    await boto3RejectsWith(
      boto3().call('list_user_pools', { MaxResults: 61 }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
    const poolId = (await boto3().call('create_user_pool', { PoolName: 'x' })).UserPool.Id;
    await boto3RejectsWith(
      boto3().call('update_user_pool', { UserPoolId: poolId, MfaConfiguration: 'SOMETIMES' }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
    );
    await boto3RejectsWith(
      boto3().call('list_user_pools', { MaxResults: 5, NextToken: 'not-a-token' }),
      'InvalidParameterException',
      /^Paging marker is invalid for request /,
    );
    // What botocore would refuse itself reaches the server with its validation off, as from the JS SDK.
    await boto3RejectsWith(
      boto3().call('create_user_pool', { PoolName: 'x', Policies: { PasswordPolicy: { MinimumLength: 3 } } }, { validate: false }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    );
    await boto3RejectsWith(
      boto3().call('list_user_pools', {}, { validate: false }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must not be null",
    );
  });
});

const KEY = { access_key: 'AKIACOGNATETEST0001', secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

describeBoto3(
  'boto3: SigV4 against --admin-credentials',
  ({ boto3 }) => {
    test("botocore's signature with the configured key is accepted; public operations go unsigned", async () => {
      const poolId = (await boto3().call('create_user_pool', { PoolName: 'signed' })).UserPool.Id; // the default: the server's first key
      await boto3().call('admin_create_user', { UserPoolId: poolId, Username: 'alice', MessageAction: 'SUPPRESS' }, KEY);
      assert.equal((await boto3().call('admin_get_user', { UserPoolId: poolId, Username: 'alice' }, KEY)).Username, 'alice');
      const clientId = (await boto3().call('create_user_pool_client', { UserPoolId: poolId, ClientName: 'app' }, KEY)).UserPoolClient.ClientId;
      // botocore sends SignUp unsigned (its model says so); credentials nobody configured do not matter.
      const out = await boto3().call(
        'sign_up',
        { ClientId: clientId, Username: 'bob', Password: 'Passw0rd!' },
        { access_key: 'nobody', secret_key: 'nothing' },
      );
      assert.equal(out.UserConfirmed, false);
    });

    test('a wrong secret is InvalidSignatureException, an unknown key UnrecognizedClientException, another region refused', async () => {
      await boto3RejectsWith(
        boto3().call('list_user_pools', { MaxResults: 10 }, { ...KEY, secret_key: 'second-secret-0123456789' }),
        'InvalidSignatureException',
        MISMATCH,
        false,
      );
      await boto3RejectsWith(
        boto3().call('list_user_pools', { MaxResults: 10 }, { ...KEY, access_key: 'AKIACOGNATEUNKNOWN1' }),
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        false,
      );
      await boto3RejectsWith(
        boto3().call('list_user_pools', { MaxResults: 10 }, { ...KEY, region: 'eu-west-1' }),
        'InvalidSignatureException',
        "Credential should be scoped to a valid region, not 'eu-west-1'.",
        false,
      );
    });
  },
  { flags: { 'admin-credentials': `${KEY.access_key}:${KEY.secret_key}` } },
);
