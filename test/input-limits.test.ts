import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { CreateUserPoolCommand, GetUserCommand, RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import { operations } from '../src/operations/index.ts';
import { FREE_TEXT_MAX } from '../src/operations/shapes.ts';
import { boto3Unavailable, PYTHON } from './support/boto3.ts';
import { describeShape, type MemberFacts, membersOf } from './support/input-shapes.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';

// Every string member of every operation's input is bounded, with the AWS model's own bounds:
// the API reference's length constraints are the model's (botocore ships the model as
// data/cognito-idp/2016-04-18/service-2.json, read here from the installed botocore, never copied).

test('every string member of every operation has a maximum length', () => {
  const unbounded: string[] = [];
  for (const op of operations.values()) {
    for (const m of membersOf(describeShape(op.input, op.name))) {
      if (m.type === 'string' && (m.max === undefined || m.max > FREE_TEXT_MAX)) unbounded.push(m.path);
      if (m.type === 'blob' && m.max === undefined) unbounded.push(m.path);
      if (m.type === 'other') unbounded.push(`${m.path} (a shape this test cannot read)`);
    }
  }
  assert.deepEqual(unbounded, []);
});

/**
 * Where cognate knowingly differs from the model of the installed botocore (an older model, or
 * a bound the API reference states that the model leaves out), with the reason.
 */
const knownDifferences: Record<string, string> = {
  // Debian's botocore 1.29 predates custom client secrets; the current model's ClientSecretType is 24..64.
  'RevokeToken.ClientSecret: min': 'older model',
  'GetTokensFromRefreshToken.ClientSecret: min': 'older model',
  // StringType allows an empty id; an empty CredentialId is refused before any lookup (test/passkeys.test.ts).
  'DeleteWebAuthnCredential.CredentialId: min': 'kept',
  // EmailMfaSubjectType has a pattern only in the model; the API reference gives 1..140 for EmailMfaConfigType.Subject.
  'SetUserPoolMfaConfig.EmailMfaConfiguration.Subject: min': 'API reference',
  'SetUserPoolMfaConfig.EmailMfaConfiguration.Subject: max': 'API reference',
};

interface ModelShape {
  type: string;
  min?: number;
  max?: number;
  enum?: string[];
  document?: boolean;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
}

/** botocore's cognito-idp model, or why it cannot be read. */
function loadModel(): { shapes: Record<string, ModelShape>; operations: Record<string, { input: { shape: string } }> } | string {
  const why = boto3Unavailable();
  if (why !== undefined) return why;
  const dir = execFileSync(PYTHON, ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim();
  const base = `${dir}/data/cognito-idp/2016-04-18/service-2.json`;
  for (const [file, read] of [
    [`${base}.gz`, (f: string) => gunzipSync(readFileSync(f)).toString('utf8')],
    [base, (f: string) => readFileSync(f, 'utf8')],
  ] as const) {
    try {
      return JSON.parse(read(file));
    } catch {}
  }
  return `botocore at ${dir} has no cognito-idp model`;
}

const model = loadModel();

describe('input shapes match the AWS model', { skip: typeof model === 'string' && process.env.CI !== 'true' ? model : false }, () => {
  test('lengths, ranges, list sizes and enum values of every member botocore knows', () => {
    if (typeof model === 'string') throw new Error(`CI requires botocore's model: ${model}`);
    const problems: string[] = [];
    const differs = (path: string, what: string, ours: unknown, theirs: unknown) => {
      if (ours === theirs || `${path}: ${what}` in knownDifferences) return;
      problems.push(`${path}: ${what} is ${ours}, the model's ${theirs}`);
    };
    const compare = (name: string, ours: MemberFacts | undefined, path: string): void => {
      const s = model.shapes[name]!;
      if (ours === undefined) {
        problems.push(`${path}: missing (the model has ${name})`);
        return;
      }
      if (s.document) return;
      switch (s.type) {
        case 'structure':
          if (ours.type !== 'structure') return void problems.push(`${path}: ${ours.type}, the model's a structure`);
          for (const [member, ref] of Object.entries(s.members ?? {})) compare(ref.shape, ours.members?.[member], `${path}.${member}`);
          return;
        case 'list':
        case 'map':
          if (ours.type !== s.type) return void problems.push(`${path}: ${ours.type}, the model's a ${s.type}`);
          differs(path, 'min', ours.min ?? 0, s.min ?? 0);
          differs(path, 'max', ours.max, s.max);
          if (s.type === 'map') compare(s.key!.shape, ours.key, `${path}{key}`);
          compare((s.member ?? s.value)!.shape, ours.element, s.type === 'list' ? `${path}[]` : `${path}{value}`);
          return;
        case 'integer':
        case 'long':
          if (ours.type !== 'integer') return void problems.push(`${path}: ${ours.type}, the model's an integer`);
          if (s.min !== undefined) differs(path, 'min', ours.min, s.min);
          if (s.max !== undefined) differs(path, 'max', ours.max, s.max);
          return;
        case 'boolean':
          if (ours.type !== 'boolean') problems.push(`${path}: ${ours.type}, the model's a boolean`);
          return;
        case 'string':
        case 'blob':
          if (s.enum) {
            if (ours.type !== 'enum') return void problems.push(`${path}: ${ours.type}, the model's an enum`);
            // Newer values than an older model knows are fine; none of the model's may be missing.
            for (const value of s.enum) if (!ours.enum!.includes(value)) problems.push(`${path}: ${value} is not accepted`);
            return;
          }
          if (ours.type !== (s.type === 'blob' ? 'blob' : 'string')) return void problems.push(`${path}: ${ours.type}, the model's a ${s.type}`);
          differs(path, 'min', ours.min ?? 0, s.min ?? 0);
          if (s.max !== undefined) differs(path, 'max', ours.max, s.max);
          return;
        default:
          problems.push(`${path}: the model's type ${s.type} is not compared`);
      }
    };
    let compared = 0;
    for (const [name, op] of operations) {
      const modelled = model.operations[name];
      if (!modelled) continue;
      compared++;
      compare(modelled.input.shape, describeShape(op.input, name), name);
    }
    assert.ok(compared >= 60, `only ${compared} operations compared`);
    assert.deepEqual(problems, []);
  });
});

describeEachBackend('oversized input', ({ server }) => {
  const huge = 'a'.repeat(200_000);

  test('a 200 KB token is refused before anything is looked up (RevokeToken, GetUser)', async () => {
    await server().sdk.send(new CreateUserPoolCommand({ PoolName: 'limits' }));
    const message = `1 validation error detected: Value at 'token' failed to satisfy constraint: Member must have length less than or equal to ${FREE_TEXT_MAX}`;
    await rejectsWith(server().sdk.send(new RevokeTokenCommand({ ClientId: 'someclient', Token: huge })), 'InvalidParameterException', message);
    await rejectsWith(server().sdk.send(new GetUserCommand({ AccessToken: huge })), 'InvalidParameterException', message.replace("'token'", "'accessToken'"));
  });
});
