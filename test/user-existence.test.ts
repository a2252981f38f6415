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
