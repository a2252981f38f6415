import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { TestServer } from './server.ts';

/**
 * Lambda trigger functions written by a test into a `--functions` folder, as a developer would
 * write them, plus the helpers the trigger tests share: a log the functions write the events
 * they saw into (one file per pool and function, so the SQLite and PostgreSQL runs do not mix),
 * and aws-jwt-verify's generic JwtVerifier pointed at the server to read the tokens' claims.
 */
export interface FunctionFolder {
  /** The folder to pass as the `functions` flag. */
  dir: string;
  /** A statement for a function body that appends `event` to the log under `name`. */
  record(name: string): string;
  /** Writes `NAME.mjs` / `NAME.js` modules into the folder. */
  write(files: Record<string, string>): void;
  /** The events logged under `name` in a pool, oldest first. */
  recorded(poolId: string, name: string): any[];
}

/** A fresh functions folder and log folder, removed when the test file ends. */
export function functionFolder(): FunctionFolder {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-functions-'));
  const logs = mkdtempSync(join(tmpdir(), 'cognate-function-logs-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(logs, { recursive: true, force: true });
  });
  return {
    dir,
    record: (name) => `(await import('node:fs')).appendFileSync(${JSON.stringify(logs)} + '/' + event.userPoolId + '-${name}', JSON.stringify(event) + '\\n');`,
    write(files) {
      for (const [file, source] of Object.entries(files)) writeFileSync(join(dir, file), source);
    },
    recorded(poolId, name) {
      const file = join(logs, `${poolId}-${name}`);
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
    },
  };
}

/** A Lambda function ARN naming `name` (run from the functions folder). */
export const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

export type Claims = Record<string, any>;

/**
 * Verifies both tokens of an AuthenticationResult the way applications do (aws-jwt-verify's
 * JwtVerifier against the pool's issuer and JWKS URL) and returns their claims.
 */
export async function verifiedClaims(
  server: TestServer,
  poolId: string,
  clientId: string,
  result: { IdToken?: string | undefined; AccessToken?: string | undefined } | undefined,
): Promise<{ id: Claims; access: Claims }> {
  assert.ok(result?.IdToken && result.AccessToken, 'expected tokens');
  const issuer = `${server.url}/${poolId}`;
  // aws-jwt-verify's own fetcher speaks https only; the JWKS is fetched over plain http here.
  const jwksCache = new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await (await fetch(uri)).arrayBuffer()) as ArrayBuffer } });
  const make = (tokenUse: 'id' | 'access') =>
    JwtVerifier.create(
      {
        issuer,
        jwksUri: `${issuer}/.well-known/jwks.json`,
        audience: null,
        customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse, clientId }),
      },
      { jwksCache },
    );
  return {
    id: (await make('id').verify(result.IdToken)) as Claims,
    access: (await make('access').verify(result.AccessToken)) as Claims,
  };
}

/**
 * The custom-auth functions both custom-auth test files use, as an app would write them.
 * - `define`: SRP_A → PASSWORD_VERIFIER; after a built-in step that failed → fail; tokens after
 *   one right answer to a CUSTOM_CHALLENGE, failure after three wrong ones, else another
 *   CUSTOM_CHALLENGE (`define-two-rounds`: two right answers needed).
 * - `create`: a fresh six-digit code each round, kept in privateChallengeParameters (the test
 *   reads it from the log, as a user would read it from an email); the round in the public
 *   parameters and `CODE-<round>` as challengeMetadata. `create-42`: the classic question.
 * - `verify`: right when the answer equals the private `answer`.
 * Each records the event it returns under its own name.
 */
export function customAuthSources(record: (name: string) => string): Record<string, string> {
  const define = (rightNeeded: number, wrongAllowed: number) => `export const handler = async (event) => {
    const session = event.request.session;
    const last = session.at(-1);
    const custom = session.filter((e) => e.challengeName === 'CUSTOM_CHALLENGE');
    const right = custom.filter((e) => e.challengeResult).length;
    if (last && last.challengeName === 'SRP_A') event.response.challengeName = 'PASSWORD_VERIFIER';
    else if (last && last.challengeName !== 'CUSTOM_CHALLENGE' && !last.challengeResult) event.response.failAuthentication = true;
    else if (right >= ${rightNeeded}) event.response.issueTokens = true;
    else if (custom.length - right >= ${wrongAllowed}) event.response.failAuthentication = true;
    else event.response.challengeName = 'CUSTOM_CHALLENGE';
    ${record('define')}
    return event;
  };`;
  return {
    'define.mjs': define(1, 3),
    'define-two-rounds.mjs': define(2, 3),
    'create.mjs': `import { randomInt } from 'node:crypto';
    export const handler = async (event) => {
      const round = event.request.session.filter((e) => e.challengeName === 'CUSTOM_CHALLENGE').length + 1;
      event.response.publicChallengeParameters = { hint: 'Enter the code we emailed you', round: String(round) };
      event.response.privateChallengeParameters = { answer: String(randomInt(100000, 1000000)) };
      event.response.challengeMetadata = 'CODE-' + round;
      ${record('create')}
      return event;
    };`,
    'create-42.mjs': `export const handler = async (event) => {
      event.response.publicChallengeParameters = { question: 'What is six times seven?' };
      event.response.privateChallengeParameters = { answer: '42' };
      event.response.challengeMetadata = 'QUESTION';
      ${record('create')}
      return event;
    };`,
    'verify.mjs': `export const handler = async (event) => {
      event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
      ${record('verify')}
      return event;
    };`,
  };
}

/** A Define/Create history as `[challengeName, challengeResult, challengeMetadata]` (absent metadata as null). */
export const historyOf = (session: { challengeName: string; challengeResult: boolean; challengeMetadata?: string | null }[]) =>
  session.map((e) => [e.challengeName, e.challengeResult, e.challengeMetadata ?? null]);
