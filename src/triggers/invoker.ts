import type { UserPool } from '../domain/types.ts';
import { fail } from '../errors.ts';
import { redact } from '../events/redact.ts';
import { traceStep } from '../events/trace.ts';
import type { z } from 'zod';
import type { Services } from '../services.ts';
import { type CreateAuthChallengeEvent, type CreateAuthChallengeResponse, createAuthChallengeResponse } from './CreateAuthChallenge.ts';
import { type CustomSenderEvent, type CustomSenderResponse, customSenderResponse } from './CustomSender.ts';
import { type CustomMessageEvent, type CustomMessageResponse, customMessageResponse } from './CustomMessage.ts';
import { type DefineAuthChallengeEvent, type DefineAuthChallengeResponse, defineAuthChallengeResponse } from './DefineAuthChallenge.ts';
import { type PostAuthenticationEvent, type PostAuthenticationResponse, postAuthenticationResponse } from './PostAuthentication.ts';
import { type PostConfirmationEvent, type PostConfirmationResponse, postConfirmationResponse } from './PostConfirmation.ts';
import { type PreAuthenticationEvent, type PreAuthenticationResponse, preAuthenticationResponse } from './PreAuthentication.ts';
import { type PreSignUpEvent, type PreSignUpResponse, preSignUpResponse } from './PreSignUp.ts';
import { type PreTokenGenerationEvent, type PreTokenGenerationResponse, preTokenGenerationResponseFor } from './PreTokenGeneration.ts';
import { type UserMigrationEvent, type UserMigrationResponse, userMigrationResponse } from './UserMigration.ts';
import {
  type VerifyAuthChallengeResponseEvent,
  type VerifyAuthChallengeResponseResponse,
  verifyAuthChallengeResponseResponse,
} from './VerifyAuthChallengeResponse.ts';
import type { TriggerName } from './runtime.ts';

/**
 * Invoking a pool's Lambda triggers
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html)
 * through the server's runtime (./runtime.ts). Every trigger has Cognito's 5 seconds. What went
 * wrong reaches the API caller as Cognito reports it:
 *
 * | the function …                       | exception                      | message |
 * | threw / returned an error            | UserLambdaValidationException  | `<Trigger> failed with error <message>.` |
 * | answered with no JSON object         | InvalidLambdaResponseException | `Invalid lambda function output : Invalid JSON` |
 * | answered a `response` of wrong shape | InvalidLambdaResponseException | `Unrecognizable lambda output` |
 * | timed out / is missing / unreachable | UnexpectedLambdaException      | `<Trigger> invocation failed due to error <cause>.` |
 */

/** The event each trigger receives and the `response` it answers with (validated). */
export interface TriggerContracts {
  PreSignUp: { event: PreSignUpEvent; response: PreSignUpResponse };
  CustomMessage: { event: CustomMessageEvent; response: CustomMessageResponse };
  PostConfirmation: { event: PostConfirmationEvent; response: PostConfirmationResponse };
  PreAuthentication: { event: PreAuthenticationEvent; response: PreAuthenticationResponse };
  PostAuthentication: { event: PostAuthenticationEvent; response: PostAuthenticationResponse };
  DefineAuthChallenge: { event: DefineAuthChallengeEvent; response: DefineAuthChallengeResponse };
  CreateAuthChallenge: { event: CreateAuthChallengeEvent; response: CreateAuthChallengeResponse };
  VerifyAuthChallengeResponse: { event: VerifyAuthChallengeResponseEvent; response: VerifyAuthChallengeResponseResponse };
  /** V1 or V2 shape by `event.version`; read it with tokenOverrides(). */
  PreTokenGeneration: { event: PreTokenGenerationEvent; response: PreTokenGenerationResponse };
  UserMigration: { event: UserMigrationEvent; response: UserMigrationResponse };
  CustomEmailSender: { event: CustomSenderEvent<'EMAIL'>; response: CustomSenderResponse };
  CustomSMSSender: { event: CustomSenderEvent<'SMS'>; response: CustomSenderResponse };
}

const responseSchemas: { [T in TriggerName]: (event: TriggerContracts[T]['event']) => z.ZodType<TriggerContracts[T]['response']> } = {
  PreSignUp: () => preSignUpResponse,
  CustomMessage: () => customMessageResponse,
  PostConfirmation: () => postConfirmationResponse,
  PreAuthentication: () => preAuthenticationResponse,
  PostAuthentication: () => postAuthenticationResponse,
  DefineAuthChallenge: () => defineAuthChallengeResponse,
  CreateAuthChallenge: () => createAuthChallengeResponse,
  VerifyAuthChallengeResponse: () => verifyAuthChallengeResponseResponse,
  PreTokenGeneration: (event) => preTokenGenerationResponseFor(event),
  UserMigration: () => userMigrationResponse,
  CustomEmailSender: () => customSenderResponse,
  CustomSMSSender: () => customSenderResponse,
};

/** The custom senders are invoked asynchronously: Cognito does not wait for their answer. */
const ASYNC_TRIGGERS: ReadonlySet<TriggerName> = new Set(['CustomEmailSender', 'CustomSMSSender']);

/** The ARN configured for `trigger` (PreTokenGenerationConfig wins over the legacy PreTokenGeneration). */
export function triggerArn(pool: UserPool, trigger: TriggerName): string | undefined {
  const config = pool.config.LambdaConfig ?? {};
  const arnOf = (value: unknown) => (typeof value === 'string' ? value : (value as { LambdaArn?: unknown } | undefined)?.LambdaArn);
  const arn = trigger === 'PreTokenGeneration' ? (arnOf(config.PreTokenGenerationConfig) ?? arnOf(config.PreTokenGeneration)) : arnOf(config[trigger]);
  return typeof arn === 'string' && arn !== '' ? arn : undefined;
}

/** Whether the pool has `trigger` configured. */
export function hasTrigger(pool: UserPool, trigger: TriggerName): boolean {
  return triggerArn(pool, trigger) !== undefined;
}

const invalidJson = () => fail('InvalidLambdaResponseException', 'Invalid lambda function output : Invalid JSON');
const unrecognizable = (detail: string) => fail('InvalidLambdaResponseException', 'Unrecognizable lambda output', detail);

/**
 * Invokes the pool's `trigger` with `event` and returns the function's validated `response`.
 * Throws the Cognito exception of the table above when the function fails; the caller must have checked
 * {@link hasTrigger}. Never call it inside a storage transaction.
 */
export async function invokeTrigger<T extends TriggerName>(
  services: Services,
  pool: UserPool,
  trigger: T,
  event: TriggerContracts[T]['event'],
): Promise<TriggerContracts[T]['response']> {
  // The console's trace of a sign-in shows each trigger's event and response side by side.
  const started = Date.now();
  const step = { trigger, source: (event as { triggerSource?: string }).triggerSource, event: redact(event) };
  try {
    const response = await invokeOnce(services, pool, trigger, event);
    traceStep('trigger', { ...step, ms: Date.now() - started, response: redact(response) });
    return response;
  } catch (error) {
    traceStep('trigger', { ...step, ms: Date.now() - started, error: `${(error as Error).name}: ${(error as Error).message}` });
    throw error;
  }
}

async function invokeOnce<T extends TriggerName>(
  services: Services,
  pool: UserPool,
  trigger: T,
  event: TriggerContracts[T]['event'],
): Promise<TriggerContracts[T]['response']> {
  const arn = triggerArn(pool, trigger);
  if (arn === undefined) throw new Error(`invokeTrigger: ${trigger} is not configured on ${pool.id}`);
  const started = Date.now();
  const outcome = await services.triggers.run({ trigger, arn, event, mode: ASYNC_TRIGGERS.has(trigger) ? 'async' : 'sync' });
  services.metrics.trigger(trigger, outcome.kind === 'returned' ? 'ok' : outcome.kind, (Date.now() - started) / 1000);
  const where = { userPoolId: pool.id, trigger, triggerSource: (event as { triggerSource: string }).triggerSource, arn, ms: Date.now() - started };
  if (outcome.kind === 'threw') {
    services.log.info({ ...where, error: outcome.message }, `${trigger} failed`);
    // A period is always appended, even after one (`…not allowed..`), as Cognito does.
    throw fail('UserLambdaValidationException', `${trigger} failed with error ${outcome.message}.`);
  }
  if (outcome.kind === 'failed') {
    services.log.warn({ ...where, cause: outcome.cause }, `${trigger} could not be invoked`);
    throw fail('UnexpectedLambdaException', `${trigger} invocation failed due to error ${outcome.cause}.`);
  }
  services.log.debug(where, `${trigger} answered`);
  let output: unknown;
  try {
    output = outcome.payload === undefined ? undefined : JSON.parse(outcome.payload);
  } catch {
    throw invalidJson();
  }
  if (output === null || typeof output !== 'object' || Array.isArray(output)) throw invalidJson();
  const response = (output as { response?: unknown }).response ?? {};
  const schema = responseSchemas[trigger] as (event: unknown) => z.ZodType<TriggerContracts[T]['response']>;
  const checked = schema(event).safeParse(response);
  if (!checked.success) throw unrecognizable(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return checked.data;
}
