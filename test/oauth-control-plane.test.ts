import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListResourceServersCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { createTestStorage, describeEachBackend, startTestServer, type TestServer } from './support/server.ts';

/**
 * The OAuth 2.0 control plane through the AWS SDK: user pool domains (prefix and custom),
 * resource servers and their scopes, and the app client OAuth settings with Cognito's checks and
 * messages.
 */

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
let n = 0;
const prefix = () => `app-${process.pid}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

function client(s: TestServer, UserPoolId: string, settings: Record<string, unknown>) {
  return s.sdk.send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'web', ...settings }));
}

describeEachBackend('OAuth control plane', ({ server }) => {
  test('a prefix domain: created ACTIVE with ManagedLoginVersion 1, described, shown on the pool, updated, deleted', async () => {
    const s = server();
    const poolId = await createPool(s);
    const domain = prefix();
    const created = await s.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    assert.equal(created.ManagedLoginVersion, 1);
    assert.equal(created.CloudFrontDomain, undefined);
    const { DomainDescription: d } = await s.sdk.send(new DescribeUserPoolDomainCommand({ Domain: domain }));
    assert.equal(d!.UserPoolId, poolId);
    assert.equal(d!.Domain, domain);
    assert.equal(d!.Status, 'ACTIVE');
    assert.equal(d!.ManagedLoginVersion, 1);
    assert.equal(d!.AWSAccountId, '000000000000');
    assert.equal((await s.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.Domain, domain);

    const updated = await s.sdk.send(new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain, ManagedLoginVersion: 2 }));
    assert.equal(updated.ManagedLoginVersion, 2);
    assert.equal((await s.sdk.send(new DescribeUserPoolDomainCommand({ Domain: domain }))).DomainDescription!.ManagedLoginVersion, 2);
    await rejectsWith(
      s.sdk.send(new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain, CustomDomainConfig: { CertificateArn: CERT } })),
      'InvalidParameterException',
      'User pool should have a custom domain associated, failed to update the certificate.',
    );

    await s.sdk.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    assert.deepEqual((await s.sdk.send(new DescribeUserPoolDomainCommand({ Domain: domain }))).DomainDescription, {});
    assert.equal((await s.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.Domain, undefined);
    await rejectsWith(
      s.sdk.send(new DeleteUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain })),
      'InvalidParameterException',
      'No such domain or user pool exists.',
    );
  });

  test('an unknown domain is described as {}', async () => {
    const { DomainDescription } = await server().sdk.send(new DescribeUserPoolDomainCommand({ Domain: 'never-created-here' }));
    assert.deepEqual(DomainDescription, {});
  });

  test('prefix rules: pattern, reserved words, one per pool, unique across pools', async () => {
    const s = server();
    const poolId = await createPool(s);
    await rejectsWith(
      s.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'Has_Upper' })),
      'InvalidParameterException',
      'The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$',
    );
    await rejectsWith(
      s.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'my-cognito-login' })),
      'InvalidParameterException',
      /reserved word cognito/,
    );
    const domain = prefix();
    await s.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    await rejectsWith(
      s.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: prefix() })),
      'InvalidParameterException',
      'User Pool already has domain configured.',
    );
    const other = await createPool(s);
    await rejectsWith(
      s.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: domain })),
      'InvalidParameterException',
      'Domain already associated with another user pool.',
    );
    await rejectsWith(
      s.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: 'us-east-1_Nope12345', Domain: prefix() })),
      'ResourceNotFoundException',
      'User pool us-east-1_Nope12345 does not exist.',
    );
  });

  test('a custom domain beside a prefix one: CloudFrontDomain, CustomDomainConfig, DescribeUserPool CustomDomain; gone with the pool', async () => {
    const s = server();
    const poolId = await createPool(s);
    const host = `auth-${prefix()}.example.com`;
    await s.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: prefix() }));
    const created = await s.sdk.send(
      new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: host, ManagedLoginVersion: 2, CustomDomainConfig: { CertificateArn: CERT } }),
    );
    assert.match(created.CloudFrontDomain!, /^d[a-z0-9]{13}\.cloudfront\.net$/);
    assert.equal(created.ManagedLoginVersion, 2);
    const { DomainDescription: d } = await s.sdk.send(new DescribeUserPoolDomainCommand({ Domain: host }));
    assert.deepEqual(d!.CustomDomainConfig, { CertificateArn: CERT });
    assert.equal(d!.CloudFrontDistribution, created.CloudFrontDomain);
    assert.equal((await s.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.CustomDomain, host);
    await rejectsWith(
      s.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: 'not a host', CustomDomainConfig: { CertificateArn: CERT } })),
      'InvalidParameterException',
      'The custom domain not a host is not a valid domain name.',
    );
    await s.sdk.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    assert.deepEqual((await s.sdk.send(new DescribeUserPoolDomainCommand({ Domain: host }))).DomainDescription, {});
  });

  test('resource servers: create, describe, paged list, update replaces scopes, delete; errors', async () => {
    const s = server();
    const poolId = await createPool(s);
    const scopes = [
      { ScopeName: 'read', ScopeDescription: 'Read' },
      { ScopeName: 'write', ScopeDescription: 'Write' },
    ];
    const { ResourceServer } = await s.sdk.send(
      new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'api', Scopes: scopes }),
    );
    assert.deepEqual(ResourceServer, { UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'api', Scopes: scopes });
    await rejectsWith(
      s.sdk.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'https://api.example.com', Name: 'again' })),
      'InvalidParameterException',
      'A resource server with identifier https://api.example.com already exists in this user pool.',
    );
    await rejectsWith(
      s.sdk.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'x', Name: 'x', Scopes: [{ ScopeName: 'a/b', ScopeDescription: 'd' }] })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'scopes.1.member.scopeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+",
    );
    for (const id of ['b-server', 'c-server', 'd-server']) await s.sdk.send(new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: id, Name: id }));
    const first = await s.sdk.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 3 }));
    assert.deepEqual(
      first.ResourceServers!.map((r) => r.Identifier),
      ['b-server', 'c-server', 'd-server'],
    );
    const second = await s.sdk.send(new ListResourceServersCommand({ UserPoolId: poolId, MaxResults: 3, NextToken: first.NextToken }));
    assert.deepEqual(
      second.ResourceServers!.map((r) => r.Identifier),
      ['https://api.example.com'],
    );
    assert.equal(second.NextToken, undefined);

    const updated = await s.sdk.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: 'b-server', Name: 'renamed' }));
    assert.deepEqual(updated.ResourceServer, { UserPoolId: poolId, Identifier: 'b-server', Name: 'renamed', Scopes: [] });
    await s.sdk.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'b-server' }));
    await rejectsWith(
      s.sdk.send(new DescribeResourceServerCommand({ UserPoolId: poolId, Identifier: 'b-server' })),
      'ResourceNotFoundException',
      'Resource server b-server does not exist.',
    );
  });

  test('app client OAuth settings: stored, described, and checked with Cognito messages', async () => {
    const s = server();
    const poolId = await createPool(s);
    await s.sdk.send(
      new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'api', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }),
    );
    const web = {
      AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'api/read'],
      CallbackURLs: ['https://app.example.com/cb', 'http://localhost:3000/cb', 'myapp://cb'],
      LogoutURLs: ['https://app.example.com/bye'],
      DefaultRedirectURI: 'https://app.example.com/cb',
      SupportedIdentityProviders: ['COGNITO'],
    } as const;
    const { UserPoolClient } = await client(s, poolId, web);
    for (const [key, value] of Object.entries(web)) assert.deepEqual((UserPoolClient as Record<string, unknown>)[key], value, key);
    const plain = await client(s, poolId, {});
    assert.equal(plain.UserPoolClient!.AllowedOAuthFlowsUserPoolClient, false);

    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ AllowedOAuthFlows: ['code'] }, 'InvalidOAuthFlowException', 'CallbackUrls can not be empty when code flow or implicit flow is selected'],
      [
        { GenerateSecret: true, AllowedOAuthFlows: ['client_credentials', 'code'], CallbackURLs: ['https://a.example.com'] },
        'InvalidOAuthFlowException',
        'client_credentials flow can not be selected along with code flow or implicit flow',
      ],
      [
        { AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['api/read'] },
        'InvalidOAuthFlowException',
        'client_credentials flow can not be selected if client does not have a client secret.',
      ],
      [
        { GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['openid', 'api/read'] },
        'InvalidOAuthFlowException',
        'openid is not supported with client_credentials flow',
      ],
      [{ AllowedOAuthScopes: ['Cognito'] }, 'ScopeDoesNotExistException', 'Invalid scope requested: Cognito'],
      [{ AllowedOAuthScopes: ['api/write'] }, 'ScopeDoesNotExistException', 'Invalid scope requested: api/write'],
      [{ CallbackURLs: ['http://localhost.com/'] }, 'InvalidParameterException', 'http://localhost.com/ cannot use the HTTP protocol.'],
      [{ LogoutURLs: ['https://a.example.com/#x'] }, 'InvalidParameterException', 'https://a.example.com/#x cannot contain a fragment.'],
      [
        { CallbackURLs: ['https://a.example.com/'], DefaultRedirectURI: 'https://b.example.com/' },
        'InvalidParameterException',
        'DefaultRedirectURI must be one of the CallbackURLs.',
      ],
      [{ SupportedIdentityProviders: ['Google'] }, 'InvalidParameterException', `The provider Google does not exist for User Pool ${poolId}`],
    ];
    for (const [settings, name, message] of cases) await rejectsWith(client(s, poolId, settings), name, message);
    // UpdateUserPoolClient checks the same.
    await rejectsWith(
      s.sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: plain.UserPoolClient!.ClientId!, AllowedOAuthScopes: ['nope/x'] })),
      'ScopeDoesNotExistException',
      'Invalid scope requested: nope/x',
    );
  });

  test('a deleted scope stays on the clients that allow it', async () => {
    const s = server();
    const poolId = await createPool(s);
    await s.sdk.send(
      new CreateResourceServerCommand({ UserPoolId: poolId, Identifier: 'api', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }),
    );
    const { UserPoolClient } = await client(s, poolId, {
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['api/read'],
    });
    await s.sdk.send(new UpdateResourceServerCommand({ UserPoolId: poolId, Identifier: 'api', Name: 'api' }));
    const { UserPoolClient: after } = await s.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: UserPoolClient!.ClientId! }));
    assert.deepEqual(after!.AllowedOAuthScopes, ['api/read']);
  });
});

test('the seed file declares domains, resource servers and OAuth clients, and applying it twice changes nothing', async () => {
  const pool = 'us-east-1_SeedOauth1';
  const file = join(mkdtempSync(join(tmpdir(), 'cognate-seed-')), 'seed.json');
  const seed = (scopes: string[]) => ({
    UserPools: [
      {
        Id: pool,
        PoolName: 'seeded',
        Domains: [
          { Domain: `seeded-${process.pid}` },
          { Domain: `auth-${process.pid}.example.com`, ManagedLoginVersion: 2, CustomDomainConfig: { CertificateArn: CERT } },
        ],
        ResourceServers: [{ Identifier: 'api', Name: 'api', Scopes: scopes.map((ScopeName) => ({ ScopeName, ScopeDescription: ScopeName })) }],
        Clients: [
          {
            ClientId: 'seededmachineclient000001',
            ClientName: 'machine',
            ClientSecret: 'seededsecret0123456789abcdefghijklmnop',
            AllowedOAuthFlows: ['client_credentials'],
            AllowedOAuthFlowsUserPoolClient: true,
            AllowedOAuthScopes: ['api/read'],
          },
        ],
      },
    ],
  });
  writeFileSync(file, JSON.stringify(seed(['read'])));
  const storage = await createTestStorage('sqlite');
  try {
    let s = await startTestServer('sqlite', { storage, flags: { config: file } });
    const { UserPool } = await s.sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool }));
    assert.equal(UserPool!.Domain, `seeded-${process.pid}`);
    assert.equal(UserPool!.CustomDomain, `auth-${process.pid}.example.com`);
    const { ResourceServer } = await s.sdk.send(new DescribeResourceServerCommand({ UserPoolId: pool, Identifier: 'api' }));
    assert.deepEqual(ResourceServer!.Scopes, [{ ScopeName: 'read', ScopeDescription: 'read' }]);
    await s.close();
    writeFileSync(file, JSON.stringify(seed(['read', 'write'])));
    s = await startTestServer('sqlite', { storage, flags: { config: file } });
    const again = await s.sdk.send(new DescribeResourceServerCommand({ UserPoolId: pool, Identifier: 'api' }));
    assert.equal(again.ResourceServer!.Scopes!.length, 2);
    await s.close();
    // A client's scope the file's resource servers do not define stops the start with Cognito's message.
    writeFileSync(file, JSON.stringify(seed(['write'])));
    await assert.rejects(startTestServer('sqlite', { storage, flags: { config: file } }), {
      message: `--config ${file}: pool ${pool}: client seededmachineclient000001: ScopeDoesNotExistException: Invalid scope requested: api/read`,
    });
  } finally {
    await storage.dispose();
  }
});
