import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lockDuration } from '../src/auth/lockout.ts';
import { passwordAuth, signInSetup } from './support/auth.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';

test('lock length: free for 5 failures, then 1 s doubling up to 15 minutes', () => {
  assert.deepEqual([1, 4, 5, 6, 7, 10].map(lockDuration), [0, 0, 1000, 2000, 4000, 32000]);
  assert.equal(lockDuration(30), 15 * 60_000);
});

describeEachBackend('failed-attempt lockout', ({ server }) => {
  const wrong = 'Wrong-passw0rd!';

  test('after 5 failures even the right password gets Password attempts exceeded until the lock ends', async () => {
    const s = await signInSetup(server());
    for (let i = 0; i < 5; i++) {
      await rejectsWith(passwordAuth(server(), s, s.username, wrong), 'NotAuthorizedException', 'Incorrect username or password.');
    }
    await rejectsWith(passwordAuth(server(), s, s.username, s.password), 'NotAuthorizedException', 'Password attempts exceeded');
    server().clock.advance(1100);
    assert.ok((await passwordAuth(server(), s, s.username, s.password)).AuthenticationResult);
    // A success clears the count: five more failures are needed for a new lock.
    for (let i = 0; i < 4; i++) await rejectsWith(passwordAuth(server(), s, s.username, wrong), 'NotAuthorizedException', 'Incorrect username or password.');
    assert.ok((await passwordAuth(server(), s, s.username, s.password)).AuthenticationResult);
  });

  test('each further failure doubles the lock; attempts while locked do not lengthen it', async () => {
    const s = await signInSetup(server());
    for (let i = 0; i < 5; i++) await rejectsWith(passwordAuth(server(), s, s.username, wrong), 'NotAuthorizedException');
    server().clock.advance(1100);
    // The sixth failure is judged (the 1 s lock is over) and locks for 2 s.
    await rejectsWith(passwordAuth(server(), s, s.username, wrong), 'NotAuthorizedException', 'Incorrect username or password.');
    server().clock.advance(1100);
    await rejectsWith(passwordAuth(server(), s, s.username, s.password), 'NotAuthorizedException', 'Password attempts exceeded');
    await rejectsWith(passwordAuth(server(), s, s.username, wrong), 'NotAuthorizedException', 'Password attempts exceeded');
    // Had the two attempts while locked counted, the lock would now run for 8 s.
    server().clock.advance(1000);
    assert.ok((await passwordAuth(server(), s, s.username, s.password)).AuthenticationResult);
  });

  test('15 quiet minutes reset the count', async () => {
    const s = await signInSetup(server());
    for (let i = 0; i < 4; i++) await rejectsWith(passwordAuth(server(), s, s.username, wrong), 'NotAuthorizedException');
    server().clock.advance(15 * 60_000 + 1000);
    await rejectsWith(passwordAuth(server(), s, s.username, wrong), 'NotAuthorizedException', 'Incorrect username or password.');
    // Only one failure on record now, so the right password is not locked out.
    assert.ok((await passwordAuth(server(), s, s.username, s.password)).AuthenticationResult);
  });
});
