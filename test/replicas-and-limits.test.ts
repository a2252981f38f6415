import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolReplicaCommand,
  DeleteUserPoolReplicaCommand,
  GetProvisionedLimitCommand,
  GetUserPoolClientSessionConfigurationCommand,
  GetUserPoolSessionConfigurationCommand,
  ListUserPoolReplicasCommand,
  SetUserPoolClientSessionConfigurationCommand,
  SetUserPoolSessionConfigurationCommand,
  UpdateProvisionedLimitCommand,
  UpdateUserPoolReplicaCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';

describeEachBackend('session configuration, replicas and provisioned limits', ({ server }) => {
  test('session configuration: defaults, set for the pool, then per client once tracking is on; not in the Lite tier', async () => {
    const sdk = server().sdk;
    const poolId = await createPool(server());
    const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web' }));
    const clientId = UserPoolClient!.ClientId!;
    const pool = await sdk.send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: poolId }));
    assert.deepEqual(
      { UserPoolId: pool.UserPoolId, UserSessionTracking: pool.UserSessionTracking, TokenSession: pool.TokenSession },
      { UserPoolId: poolId, UserSessionTracking: 'DISABLED', TokenSession: { MaxPerUser: 20 } },
    );
    const client = await sdk.send(new GetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.deepEqual(client.SSOSession, { MaxValidityMinutes: 60 });

    await rejectsWith(
      sdk.send(new SetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId, SSOSession: { MaxValidityMinutes: 30 } })),
      'InvalidParameterException',
      'Session tracking must be enabled for the user pool (SetUserPoolSessionConfiguration) first.',
    );
    const set = await sdk.send(
      new SetUserPoolSessionConfigurationCommand({ UserPoolId: poolId, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } }),
    );
    assert.equal(set.UserSessionTracking, 'ENABLED');
    assert.deepEqual((await sdk.send(new GetUserPoolSessionConfigurationCommand({ UserPoolId: poolId }))).TokenSession, { MaxPerUser: 5 });
    const setClient = await sdk.send(
      new SetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId, SSOSession: { MaxValidityMinutes: 0 } }),
    );
    assert.deepEqual(setClient.SSOSession, { MaxValidityMinutes: 0 });
    assert.deepEqual((await sdk.send(new GetUserPoolClientSessionConfigurationCommand({ UserPoolId: poolId, ClientId: clientId }))).SSOSession, {
      MaxValidityMinutes: 0,
    });

    await rejectsWith(
      sdk.send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: poolId, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 101 } })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'tokenSession.maxPerUser' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    const lite = await createPool(server(), { UserPoolTier: 'LITE' });
    await rejectsWith(
      sdk.send(new SetUserPoolSessionConfigurationCommand({ UserPoolId: lite, UserSessionTracking: 'ENABLED', TokenSession: { MaxPerUser: 5 } })),
      'FeatureUnavailableInTierException',
      'Session management requires the Essentials or Plus tier.',
    );
  });

  test('replicas: the pool is the PRIMARY; a SECONDARY is created, deactivated and deleted', async () => {
    const sdk = server().sdk;
    const poolId = await createPool(server());
    const region = server().config.region;
    const primary = { RegionName: region, Status: 'ACTIVE', Role: 'PRIMARY', UserPoolArn: `arn:aws:cognito-idp:${region}:000000000000:userpool/${poolId}` };
    assert.deepEqual((await sdk.send(new ListUserPoolReplicasCommand({ UserPoolId: poolId }))).UserPoolReplicas, [primary]);

    const created = await sdk.send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1', UserPoolTags: { dr: 'yes' } }));
    assert.deepEqual(created.UserPoolReplica, {
      RegionName: 'eu-west-1',
      Status: 'CREATING',
      Role: 'SECONDARY',
      UserPoolArn: `arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${poolId}`,
    });
    const listed = (await sdk.send(new ListUserPoolReplicasCommand({ UserPoolId: poolId }))).UserPoolReplicas!;
    assert.deepEqual(
      listed.map((r) => [r.RegionName, r.Status, r.Role]),
      [
        [region, 'ACTIVE', 'PRIMARY'],
        ['eu-west-1', 'ACTIVE', 'SECONDARY'],
      ],
    );
    await rejectsWith(
      sdk.send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1' })),
      'InvalidParameterException',
      /already has a replica/,
    );
    await rejectsWith(
      sdk.send(new CreateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: region })),
      'InvalidParameterException',
      `User pool ${poolId} is in ${region} already.`,
    );
    await rejectsWith(
      sdk.send(new DeleteUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1' })),
      'InvalidParameterException',
      'Only an INACTIVE replica can be deleted; the one in eu-west-1 is ACTIVE.',
    );
    const inactive = await sdk.send(new UpdateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1', Status: 'INACTIVE' }));
    assert.equal(inactive.UserPoolReplica!.Status, 'INACTIVE');
    const deleted = await sdk.send(new DeleteUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1' }));
    assert.equal(deleted.UserPoolReplica!.Status, 'DELETING');
    assert.deepEqual((await sdk.send(new ListUserPoolReplicasCommand({ UserPoolId: poolId }))).UserPoolReplicas, [primary]);
    await rejectsWith(
      sdk.send(new UpdateUserPoolReplicaCommand({ UserPoolId: poolId, RegionName: 'eu-west-1', Status: 'ACTIVE' })),
      'ResourceNotFoundException',
      `User pool ${poolId} has no replica in eu-west-1.`,
    );
  });

  test('provisioned limits: the free rate until raised; below the free rate and unknown categories are refused', async () => {
    const sdk = server().sdk;
    const definition = { LimitClass: 'API_CATEGORY' as const, Attributes: { Category: 'UserCreation' } };
    const before = await sdk.send(new GetProvisionedLimitCommand({ LimitDefinition: definition }));
    assert.deepEqual(before.Limit, { LimitDefinition: definition, ProvisionedLimitValue: 50, FreeLimitValue: 50 });
    const raised = await sdk.send(new UpdateProvisionedLimitCommand({ LimitDefinition: definition, RequestedLimitValue: 80 }));
    assert.deepEqual(raised.Limit, { LimitDefinition: definition, ProvisionedLimitValue: 80, FreeLimitValue: 50 });
    assert.equal((await sdk.send(new GetProvisionedLimitCommand({ LimitDefinition: definition }))).Limit!.ProvisionedLimitValue, 80);
    await rejectsWith(
      sdk.send(new UpdateProvisionedLimitCommand({ LimitDefinition: definition, RequestedLimitValue: 10 })),
      'InvalidParameterException',
      'The requested limit must be at least the default limit of UserCreation, 50.',
    );
    await rejectsWith(
      sdk.send(new GetProvisionedLimitCommand({ LimitDefinition: { LimitClass: 'API_CATEGORY', Attributes: { Category: 'Teleport' } } })),
      'InvalidParameterException',
      /must name a Category, one of UserAuthentication/,
    );
  });
});
