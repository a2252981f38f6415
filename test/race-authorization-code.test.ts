import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { describeCluster } from './support/cluster.ts';
import { CALLBACK, hostedSetup, signInThroughForm, USER_PASSWORD } from './support/hosted-ui.ts';

// An authorization code is single-use across processes: however many redemptions of one code
// arrive at once, over however many server processes sharing the database, exactly one gets
// tokens and the others `invalid_grant`.

const CONCURRENT = 30;
const VERIFIER = 'race-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

describeCluster('race: authorization codes', ({ cluster }) => {
  test(`${CONCURRENT} concurrent redemptions of one code: exactly one gets tokens`, async () => {
    const c = cluster();
    const h = await hostedSetup(c.server);
    const authorize = `${c.urls[1]}/oauth2/authorize?${new URLSearchParams({
      client_id: h.clientId,
      response_type: 'code',
      redirect_uri: CALLBACK,
      scope: 'openid',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
    })}`;
    const back = await signInThroughForm(authorize, h.username, USER_PASSWORD);
    const code = new URL(back.location!).searchParams.get('code')!;
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: h.clientId,
      code,
      redirect_uri: CALLBACK,
      code_verifier: VERIFIER,
    }).toString();
    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, async (_, i) => {
        const res = await fetch(`${c.urls[i % c.urls.length]}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        const json = (await res.json()) as Record<string, string>;
        return res.status === 200 ? 'tokens' : `${res.status} ${json.error}`;
      }),
    );
    const tally: Record<string, number> = {};
    for (const r of results) tally[r] = (tally[r] ?? 0) + 1;
    assert.deepEqual(tally, { tokens: 1, '400 invalid_grant': CONCURRENT - 1 });
  });
});
