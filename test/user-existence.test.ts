import assert from 'node:assert/strict';
import { test } from 'node:test';
import { passwordAuth, signInSetup } from './support/auth.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';

/**
 * With PreventUserExistenceErrors ENABLED an unknown user runs through the same stages as a
 * real one with a wrong secret: same error, and the lockout counts it the same way.
 */
describeEachBackend('user existence', ({ server }) => {
  test('an unknown user and a wrong password give the same answer', async () => {
    const s = await signInSetup(server(), { client: { PreventUserExistenceErrors: 'ENABLED' } });
    const known = await rejectsWith(passwordAuth(server(), s, s.username, 'Wrong-passw0rd!'), 'NotAuthorizedException');
    const unknown = await rejectsWith(passwordAuth(server(), s, 'mallory', 'Wrong-passw0rd!'), 'NotAuthorizedException');
    if (known.message !== unknown.message) throw new Error(`answers differ: ${known.message} / ${unknown.message}`);
  });

  test('an unknown user is locked out like a real one', async () => {
    const s = await signInSetup(server(), { client: { PreventUserExistenceErrors: 'ENABLED' } });
    for (let i = 0; i < 5; i++)
      await rejectsWith(passwordAuth(server(), s, 'mallory', 'Wrong-passw0rd!'), 'NotAuthorizedException', 'Incorrect username or password.');
    await rejectsWith(passwordAuth(server(), s, 'mallory', 'Wrong-passw0rd!'), 'NotAuthorizedException', 'Password attempts exceeded');
  });

  test('unconfirmed and reset-required users are not revealed before the password is right', async () => {
    const s = await signInSetup(server(), { client: { PreventUserExistenceErrors: 'ENABLED' } });
    const { AdminResetUserPasswordCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    await server().sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: s.poolId, Username: s.username }));
    await rejectsWith(passwordAuth(server(), s, s.username, s.password), 'NotAuthorizedException', 'Incorrect username or password.');
  });
});

/**
 * What an unknown user's answers look like next to a real user's, under PreventUserExistenceErrors
 * ENABLED: the same members, the same sizes (an SRP SECRET_BLOCK's length once told who exists),
 * the same shape of masked destinations. Names of equal length are compared, as a prober would.
 */
describeEachBackend('user existence: shape and size', ({ server }) => {
  const hidden = { client: { PreventUserExistenceErrors: 'ENABLED' as const } };

  test('USER_SRP_AUTH: a phantom PASSWORD_VERIFIER has the members and sizes of a real one', async () => {
    const { InitiateAuthCommand } = await import('@aws-sdk/client-cognito-identity-provider');
    const { srpClient } = await import('./support/srp-client.ts');
    const s = await signInSetup(server(), hidden);
    const initiate = (username: string) =>
      server().sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: s.client.clientId,
          AuthParameters: { USERNAME: username, SRP_A: srpClient(s.poolId, 'x').A },
        }),
      );
    // 'alice' exists; 'alicx' does not. Several tries each: SRP_B and SALT lose leading zeros at random.
    for (let i = 0; i < 5; i++) {
      const real = await initiate('alice');
      const phantom = await initiate('alicx');
      assert.equal(phantom.ChallengeName, real.ChallengeName);
      assert.deepEqual(Object.keys(phantom.ChallengeParameters!).sort(), Object.keys(real.ChallengeParameters!).sort());
      assert.equal(phantom.ChallengeParameters!.SECRET_BLOCK!.length, real.ChallengeParameters!.SECRET_BLOCK!.length, 'SECRET_BLOCK lengths');
      assert.ok(Math.abs(phantom.ChallengeParameters!.SALT!.length - real.ChallengeParameters!.SALT!.length) <= 3, 'SALT lengths');
      assert.equal(phantom.Session, real.Session);
    }
  });

  test('ForgotPassword and ResendConfirmationCode: a phantom delivery looks like a real one', async () => {
    const { ForgotPasswordCommand, ResendConfirmationCodeCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, SignUpCommand } = await import(
      '@aws-sdk/client-cognito-identity-provider'
    );
    const s = await signInSetup(server(), { ...hidden, pool: { AutoVerifiedAttributes: ['email'] } });
    await server().sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: s.poolId,
        Username: 'bruno',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'phone_number', Value: '+14155550100' },
          { Name: 'phone_number_verified', Value: 'true' },
        ],
      }),
    );
    await server().sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: s.poolId, Username: 'bruno', Password: s.password, Permanent: true }));
    const forgot = (Username: string) => server().sdk.send(new ForgotPasswordCommand({ ClientId: s.client.clientId, Username }));
    const real = (await forgot('bruno')).CodeDeliveryDetails!;
    const phantom = (await forgot('brunx')).CodeDeliveryDetails!;
    assert.deepEqual(Object.keys(phantom).sort(), Object.keys(real).sort());
    assert.equal(phantom.DeliveryMedium, real.DeliveryMedium);
    assert.equal(phantom.AttributeName, real.AttributeName);
    assert.equal(phantom.Destination!.length, real.Destination!.length);
    assert.match(phantom.Destination!, /^\+\*+\d{4}$/);
    const resend = (Username: string) => server().sdk.send(new ResendConfirmationCodeCommand({ ClientId: s.client.clientId, Username }));
    await server().sdk.send(
      new SignUpCommand({
        ClientId: s.client.clientId,
        Username: 'carla',
        Password: s.password,
        UserAttributes: [{ Name: 'email', Value: 'carla@example.com' }],
      }),
    );
    const unconfirmed = (await resend('carla')).CodeDeliveryDetails!;
    const nobody = (await resend('carlx')).CodeDeliveryDetails!;
    assert.deepEqual(Object.keys(nobody).sort(), Object.keys(unconfirmed).sort());
    assert.equal(nobody.DeliveryMedium, unconfirmed.DeliveryMedium);
    assert.match(nobody.Destination!, /^\w\*\*\*@\w\*\*\*$/);
    assert.match(unconfirmed.Destination!, /^\w\*\*\*@\w\*\*\*$/);
  });
});
