import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideStandard, type StandardFacts } from '../src/auth/policies/standard.ts';

/** The standard policy as a table: facts → decision. */
const table: { facts: StandardFacts; expect: string }[] = [
  { facts: { userStatus: 'CONFIRMED', phantom: false, done: ['firstFactor'] }, expect: 'tokens' },
  { facts: { userStatus: 'FORCE_CHANGE_PASSWORD', phantom: false, done: ['firstFactor'] }, expect: 'challenge NEW_PASSWORD_REQUIRED' },
  { facts: { userStatus: 'FORCE_CHANGE_PASSWORD', phantom: false, done: ['firstFactor', 'newPassword'] }, expect: 'tokens' },
  { facts: { userStatus: 'CONFIRMED', phantom: false, done: [] }, expect: 'fail NotAuthorizedException' },
  { facts: { userStatus: 'CONFIRMED', phantom: true, done: ['firstFactor'] }, expect: 'fail NotAuthorizedException' },
];

for (const row of table) {
  test(`${JSON.stringify(row.facts)} → ${row.expect}`, () => {
    const d = decideStandard(row.facts);
    const got = d.kind === 'challenge' ? `challenge ${d.name}` : d.kind === 'fail' ? `fail ${d.error.type}` : d.kind;
    assert.equal(got, row.expect);
  });
}
