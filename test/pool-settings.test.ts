import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { test } from 'node:test';
import {
  AddCustomAttributesCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CreateUserPoolClientCommand,
  DeleteUserPoolClientCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  GetSigningCertificateCommand,
  GetUICustomizationCommand,
  ListTagsForResourceCommand,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  SetUICustomizationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:cognito';

async function poolWithArn(server: TestServer, input: Record<string, unknown> = {}) {
  const poolId = await createPool(server, input);
  const { UserPool } = await server.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
  return { poolId, arn: UserPool!.Arn! };
}

describeEachBackend('pool settings', ({ server }) => {
  test('tags: TagResource, UntagResource and ListTagsForResource work on the pool ARN and are the pool’s UserPoolTags', async () => {
    const sdk = server().sdk;
    const { poolId, arn } = await poolWithArn(server(), { UserPoolTags: { team: 'a' } });
    assert.deepEqual((await sdk.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { team: 'a' });

    await sdk.send(new TagResourceCommand({ ResourceArn: arn, Tags: { stage: 'dev', team: 'b' } }));
    assert.deepEqual((await sdk.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { team: 'b', stage: 'dev' });
    assert.deepEqual((await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!.UserPoolTags, { team: 'b', stage: 'dev' });

    await sdk.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team', 'absent'] }));
    assert.deepEqual((await sdk.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { stage: 'dev' });

    // UpdateUserPool's UserPoolTags replace them the other way round.
    await sdk.send(new UpdateUserPoolCommand({ UserPoolId: poolId, UserPoolTags: { owner: 'ops' } }));
    assert.deepEqual((await sdk.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags, { owner: 'ops' });

    await rejectsWith(
      sdk.send(new TagResourceCommand({ ResourceArn: arn, Tags: { 'aws:x': 'y' } })),
      'InvalidParameterException',
      'Tag keys starting with aws: are reserved: aws:x.',
    );
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    await rejectsWith(sdk.send(new TagResourceCommand({ ResourceArn: arn, Tags: many })), 'InvalidParameterException', 'A user pool can have at most 50 tags.');
    const missing = arn.replace(poolId, 'us-east-1_Missing99');
    await rejectsWith(
      sdk.send(new ListTagsForResourceCommand({ ResourceArn: missing })),
      'ResourceNotFoundException',
      'User pool us-east-1_Missing99 does not exist.',
    );
    await rejectsWith(
      sdk.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:s3:us-east-1:123456789012:bucket/x' })),
      'InvalidParameterException',
      'arn:aws:s3:us-east-1:123456789012:bucket/x is not the ARN of a user pool.',
    );
  });

  test('AddCustomAttributes: custom: and dev:custom: attributes appear in the schema and can be set on users', async () => {
    const sdk = server().sdk;
    const poolId = await createPool(server());
    await sdk.send(
      new AddCustomAttributesCommand({
        UserPoolId: poolId,
        CustomAttributes: [
          { Name: 'tier', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '10' } },
          { Name: 'score', AttributeDataType: 'Number' },
          { Name: 'email', DeveloperOnlyAttribute: true },
        ],
      }),
    );
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    const byName = new Map(UserPool!.SchemaAttributes!.map((a) => [a.Name, a]));
    assert.deepEqual(byName.get('custom:tier'), {
      Name: 'custom:tier',
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: { MinLength: '1', MaxLength: '10' },
    });
    assert.equal(byName.get('custom:score')!.AttributeDataType, 'Number');
    assert.equal(byName.get('dev:custom:email')!.DeveloperOnlyAttribute, true);
    assert.equal(byName.get('email')!.DeveloperOnlyAttribute, false, 'the standard email attribute is untouched');

    await sdk.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'bob', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'custom:tier', Value: 'gold' }] }),
    );
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bob' }));
    assert.deepEqual(
      user.UserAttributes!.find((a) => a.Name === 'custom:tier'),
      { Name: 'custom:tier', Value: 'gold' },
    );

    await rejectsWith(
      sdk.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'tier' }] })),
      'InvalidParameterException',
      'Existing attribute already has name custom:tier.',
    );
    await rejectsWith(
      sdk.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'needed', Required: true }] })),
      'InvalidParameterException',
      'Required custom attributes are not supported currently.',
    );
    await rejectsWith(
      sdk.send(new AddCustomAttributesCommand({ UserPoolId: poolId, CustomAttributes: [{ Name: 'a'.repeat(21) }] })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'customAttributes.1.member.name' failed to satisfy constraint: Member must have length less than or equal to 20",
    );
  });

  test('GetSigningCertificate: a real X.509 certificate, the same on every call, valid ten years', async () => {
    const sdk = server().sdk;
    const poolId = await createPool(server());
    const [a, b] = await Promise.all([
      sdk.send(new GetSigningCertificateCommand({ UserPoolId: poolId })),
      sdk.send(new GetSigningCertificateCommand({ UserPoolId: poolId })),
    ]);
    assert.equal(a.Certificate, b.Certificate, 'concurrent first calls agree');
    assert.equal((await sdk.send(new GetSigningCertificateCommand({ UserPoolId: poolId }))).Certificate, a.Certificate);
    const cert = new X509Certificate(Buffer.from(a.Certificate!, 'base64'));
    assert.ok(cert.verify(cert.publicKey), 'self-signed');
    assert.equal(cert.publicKey.asymmetricKeyType, 'rsa');
    assert.match(cert.subject, new RegExp(`CN=${poolId}`));
    const from = new Date(cert.validFrom);
    const to = new Date(cert.validTo);
    assert.ok(Math.abs(from.getTime() - server().clock.now()) < 120_000);
    assert.equal(to.getUTCFullYear() - from.getUTCFullYear(), 10);
    const other = await sdk.send(new GetSigningCertificateCommand({ UserPoolId: await createPool(server()) }));
    assert.notEqual(other.Certificate, a.Certificate, 'each pool has its own');
    await rejectsWith(sdk.send(new GetSigningCertificateCommand({ UserPoolId: 'us-east-1_Missing99' })), 'ResourceNotFoundException');
  });

  test('UI customization: pool-wide (ALL) and per client, the logo served at ImageUrl, client override, deleted with the client', async () => {
    const sdk = server().sdk;
    const poolId = await createPool(server());
    const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web' }));
    const clientId = UserPoolClient!.ClientId!;

    const none = await sdk.send(new GetUICustomizationCommand({ UserPoolId: poolId }));
    assert.deepEqual(none.UICustomization, { UserPoolId: poolId, ClientId: 'ALL' });

    const set = await sdk.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: '.banner-customizable { background: red; }', ImageFile: PNG }));
    assert.equal(set.UICustomization!.ClientId, 'ALL');
    assert.equal(set.UICustomization!.CSS, '.banner-customizable { background: red; }');
    assert.ok(set.UICustomization!.CSSVersion);
    const image = await fetch(set.UICustomization!.ImageUrl!);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await image.arrayBuffer()), PNG);

    // A client without its own customization gets the pool's.
    const inherited = await sdk.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.equal(inherited.UICustomization!.ClientId, 'ALL');
    assert.equal(inherited.UICustomization!.CSS, set.UICustomization!.CSS);

    await sdk.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: '.label-customizable { color: blue; }' }));
    const own = await sdk.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.equal(own.UICustomization!.ClientId, clientId);
    assert.equal(own.UICustomization!.CSS, '.label-customizable { color: blue; }');
    assert.equal(own.UICustomization!.ImageUrl, undefined);
    assert.ok(own.UICustomization!.CreationDate instanceof Date);

    await sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.equal(await server().services.stores.poolDocuments.get(poolId, 'ui-customization', clientId), undefined);

    await rejectsWith(
      sdk.send(new SetUICustomizationCommand({ UserPoolId: poolId, ImageFile: Buffer.from('GIF89a not png') })),
      'InvalidParameterException',
      'The image file must be a PNG or JPEG image.',
    );
    await rejectsWith(
      sdk.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: 'nosuchclient' })),
      'ResourceNotFoundException',
      'User pool client nosuchclient does not exist.',
    );
    await rejectsWith(
      sdk.send(new SetUICustomizationCommand({ UserPoolId: poolId, ImageFile: Buffer.alloc(131073) })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'imageFile' failed to satisfy constraint: Member must have length less than or equal to 131072",
    );
    assert.equal((await fetch(`${server().url}/_cognate/ui/${poolId}/ALL/0/logo`)).status, 404);
  });

  test('log delivery configuration: stored and returned, checked per event source and tier', async () => {
    const sdk = server().sdk;
    const poolId = await createPool(server(), { UserPoolTier: 'PLUS' });
    assert.deepEqual((await sdk.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }))).LogDeliveryConfiguration, {
      UserPoolId: poolId,
      LogConfigurations: [],
    });
    const configurations = [
      { EventSource: 'userNotification' as const, LogLevel: 'ERROR' as const, CloudWatchLogsConfiguration: { LogGroupArn: LOG_GROUP } },
      { EventSource: 'userAuthEvents' as const, LogLevel: 'INFO' as const, S3Configuration: { BucketArn: 'arn:aws:s3:::my-bucket' } },
    ];
    const set = await sdk.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: configurations }));
    assert.deepEqual(set.LogDeliveryConfiguration, { UserPoolId: poolId, LogConfigurations: configurations });
    assert.deepEqual(
      (await sdk.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }))).LogDeliveryConfiguration!.LogConfigurations,
      configurations,
    );

    await rejectsWith(
      sdk.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: [{ EventSource: 'userNotification', LogLevel: 'ERROR' }] })),
      'InvalidParameterException',
      'A log configuration needs exactly one destination: CloudWatchLogsConfiguration, S3Configuration, FirehoseConfiguration.',
    );
    const essentials = await createPool(server());
    await rejectsWith(
      sdk.send(new SetLogDeliveryConfigurationCommand({ UserPoolId: essentials, LogConfigurations: [configurations[1]!] })),
      'FeatureUnavailableInTierException',
      'Exporting user authentication events requires the Plus tier.',
    );
  });

  test('risk configuration: pool-wide and per client (replacing the pool’s), reset by a request with nothing to set', async () => {
    const sdk = server().sdk;
    const poolId = await createPool(server());
    const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web' }));
    const clientId = UserPoolClient!.ClientId!;
    assert.deepEqual((await sdk.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId }))).RiskConfiguration, { UserPoolId: poolId });

    const compromised = { EventFilter: ['SIGN_IN' as const, 'SIGN_UP' as const], Actions: { EventAction: 'BLOCK' as const } };
    const exceptions = { BlockedIPRangeList: ['192.0.2.0/24'], SkippedIPRangeList: ['2001:db8::/32'] };
    const set = await sdk.send(
      new SetRiskConfigurationCommand({ UserPoolId: poolId, CompromisedCredentialsRiskConfiguration: compromised, RiskExceptionConfiguration: exceptions }),
    );
    assert.deepEqual(set.RiskConfiguration!.CompromisedCredentialsRiskConfiguration, compromised);
    assert.deepEqual(set.RiskConfiguration!.RiskExceptionConfiguration, exceptions);
    assert.ok(set.RiskConfiguration!.LastModifiedDate instanceof Date);

    const inherited = (await sdk.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }))).RiskConfiguration!;
    assert.equal(inherited.ClientId, clientId);
    assert.deepEqual(inherited.CompromisedCredentialsRiskConfiguration, compromised);

    const takeover = {
      NotifyConfiguration: { SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com', From: 'no-reply@example.com' },
      Actions: { HighAction: { Notify: true, EventAction: 'BLOCK' as const } },
    };
    await sdk.send(new SetRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId, AccountTakeoverRiskConfiguration: takeover }));
    const own = (await sdk.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }))).RiskConfiguration!;
    assert.deepEqual(own.AccountTakeoverRiskConfiguration, takeover);
    assert.equal(own.CompromisedCredentialsRiskConfiguration, undefined, "a client's settings replace the pool's");

    // Nothing to set: the client inherits again, the pool goes back to the defaults.
    await sdk.send(new SetRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.deepEqual(
      (await sdk.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }))).RiskConfiguration!
        .CompromisedCredentialsRiskConfiguration,
      compromised,
    );
    await sdk.send(new SetRiskConfigurationCommand({ UserPoolId: poolId }));
    assert.deepEqual((await sdk.send(new DescribeRiskConfigurationCommand({ UserPoolId: poolId }))).RiskConfiguration, { UserPoolId: poolId });

    await rejectsWith(
      sdk.send(new SetRiskConfigurationCommand({ UserPoolId: poolId, RiskExceptionConfiguration: { BlockedIPRangeList: ['300.1.1.1/8'] } })),
      'InvalidParameterException',
      '300.1.1.1/8 is not an IP address range in CIDR notation.',
    );
  });
});
