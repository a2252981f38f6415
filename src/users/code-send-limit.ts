// https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
import { parseCodeSendLimit } from '../config/code-send-limit.ts';
import { fail, messages } from '../errors.ts';
import type { Services } from '../services.ts';

/**
 * How many codes one user may be sent (`--code-send-limit`). Cognito throttles code sends per
 * user beyond its per-account request rates (the quotas page above lists ForgotPassword,
 * ResendConfirmationCode and GetUserAttributeVerificationCode among the rate-limited operations),
 * answering `LimitExceededException` `Attempt limit exceeded, please try after some time.`; the
 * per-user numbers are not published (its maintainers declined to share them in
 * amazon-cognito-identity-js#548, where users met the limit after five ForgotPassword calls).
 * The default here is generous, for local development; production can set Cognito-like
 * numbers (`5/1h`).
 *
 * Each kind is counted apart, so that repeated password-reset requests, which anyone knowing a
 * user name can make, do not stop the user from receiving sign-in codes. The count is taken
 * before the code is made, atomically across processes (`SendLimitStore.take`): of many
 * concurrent requests exactly the limit's number go through.
 */

export type CodeSendKind = 'forgot-password' | 'confirmation' | 'attribute' | 'sign-in';

/**
 * Counts one code of `kind` sent to `subject` (a user name, or the name typed for an unknown user
 * hidden by the client, so that a phantom is refused exactly when a real user would be); throws
 * LimitExceededException when the window is full.
 */
export async function countCodeSend(services: Services, poolId: string, subject: string, kind: CodeSendKind): Promise<void> {
  const limit = parseCodeSendLimit(services.config.codeSendLimit);
  if (limit === undefined || typeof limit === 'string') return;
  if (!(await services.stores.sendLimits.take(poolId, `${kind}:${subject}`, services.clock.now(), limit))) {
    throw fail('LimitExceededException', messages.attemptLimit);
  }
}
