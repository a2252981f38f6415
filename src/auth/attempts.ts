/**
 * Answers a challenge that may be retried (a mistyped MFA code, a new password the policy refused,
 * a choice not offered) takes before its session is spent; Cognito allows a handful.
 */
export const RETRIES = 5;
