import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateUserPoolCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describeEachBackend } from './support/server.ts';
import { rejectsWith } from './support/sdk.ts';

describeEachBackend('user pools', ({ server }) => {
  test('CreateUserPool then DescribeUserPool returns the settings with defaults', async () => {
    const { sdk } = server();
    const created = await sdk.send(
      new CreateUserPoolCommand({
        PoolName: 'orders',
        UsernameAttributes: ['email'],
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false } },
        UserPoolTags: { team: 'a' },
      }),
    );
    const id = created.UserPool!.Id!;
    assert.match(id, /^us-east-1_[0-9A-Za-z]{9}$/);
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    assert.equal(UserPool!.Name, 'orders');
    assert.deepEqual(UserPool!.UsernameAttributes, ['email']);
    assert.equal(UserPool!.Policies!.PasswordPolicy!.MinimumLength, 10);
    assert.equal(UserPool!.Policies!.PasswordPolicy!.RequireSymbols, false);
    assert.equal(UserPool!.Policies!.PasswordPolicy!.RequireUppercase, true);
    assert.equal(UserPool!.MfaConfiguration, 'OFF');
    assert.deepEqual(UserPool!.UserPoolTags, { team: 'a' });
    assert.ok(UserPool!.CreationDate instanceof Date);
  });

  test('DescribeUserPool of an unknown pool is ResourceNotFoundException', async () => {
    await rejectsWith(
      server().sdk.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nope12345' })),
      'ResourceNotFoundException',
      'User pool us-east-1_nope12345 does not exist.',
    );
  });

  test('a bad member is InvalidParameterException naming it', async () => {
    await rejectsWith(
      server().sdk.send(new CreateUserPoolCommand({ PoolName: 'x', Policies: { PasswordPolicy: { MinimumLength: 3 } } })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    );
  });
});
