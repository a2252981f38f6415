/**
 * The Cognito exception catalog. Every error a client sees is a {@link CognitoError} whose
 * `type` is one of these wire names. Only the HTTP layer serialises them.
 *
 * Status codes: real Cognito answers 400 for every client fault (even where the model says
 * 403/404), and 500 only for InternalErrorException. Never answer a client fault with
 * LimitExceededException or TooManyRequestsException unless it really is throttling: the SDKs
 * and Amplify retry those, replaying one-shot challenge steps.
 */
export const exceptionNames = [
  'AliasExistsException',
  'CodeDeliveryFailureException',
  'CodeMismatchException',
  'ConcurrentModificationException',
  'DeviceKeyExistsException',
  'EnableSoftwareTokenMFAException',
  'ExpiredCodeException',
  'FeatureUnavailableInTierException',
  'ForbiddenException',
  'GroupExistsException',
  'IncompleteSignatureException',
  'InternalErrorException',
  'InvalidEmailRoleAccessPolicyException',
  'InvalidLambdaResponseException',
  'InvalidOAuthFlowException',
  'InvalidParameterException',
  'InvalidPasswordException',
  'InvalidSmsRoleAccessPolicyException',
  'InvalidSignatureException',
  'InvalidSmsRoleTrustRelationshipException',
  'InvalidUserPoolConfigurationException',
  'LimitExceededException',
  'MFAMethodNotFoundException',
  'ManagedLoginBrandingExistsException',
  'MissingAuthenticationTokenException',
  'NotAuthorizedException',
  'OperationNotEnabledException',
  'PasswordHistoryPolicyViolationException',
  'PasswordResetRequiredException',
  'PreconditionNotMetException',
  'RefreshTokenReuseException',
  'ResourceNotFoundException',
  'ScopeDoesNotExistException',
  'SerializationException',
  'SoftwareTokenMFANotFoundException',
  'TermsExistsException',
  'TooManyFailedAttemptsException',
  'TooManyRequestsException',
  'UnauthorizedException',
  'UnexpectedLambdaException',
  'UnknownOperationException',
  'UnrecognizedClientException',
  'UnsupportedOperationException',
  'UnsupportedTokenTypeException',
  'UnsupportedUserStateException',
  'UserImportInProgressException',
  'UserLambdaValidationException',
  'UserNotConfirmedException',
  'UserNotFoundException',
  'UserPoolAddOnNotEnabledException',
  'UserPoolTaggingException',
  'UsernameExistsException',
  'UserPoolAddOnNotEnabledException',
  'WebAuthnChallengeNotFoundException',
  'WebAuthnClientMismatchException',
  'WebAuthnConfigurationMissingException',
  'WebAuthnCredentialNotSupportedException',
  'WebAuthnNotEnabledException',
  'WebAuthnOriginNotAllowedException',
  'WebAuthnRelyingPartyMismatchException',
] as const;

export type ExceptionName = (typeof exceptionNames)[number];

/** A Cognito-shaped failure: wire name, public message, and an optional private detail for logs. */
export class CognitoError extends Error {
  readonly type: ExceptionName;
  readonly detail: string | undefined;

  constructor(type: ExceptionName, message: string, detail?: string) {
    super(message);
    this.type = type;
    this.detail = detail;
    this.name = type;
  }

  get statusCode(): number {
    return this.type === 'InternalErrorException' ? 500 : 400;
  }
}

/** Shorthand used throughout: `throw fail('NotAuthorizedException', 'Incorrect username or password.')`. */
export function fail(type: ExceptionName, message: string, detail?: string): CognitoError {
  return new CognitoError(type, message, detail);
}

/** Messages that several places must spell identically (clients and apps match on them). */
export const messages = {
  incorrectCredentials: 'Incorrect username or password.',
  userDoesNotExist: 'User does not exist.',
  userDisabled: 'User is disabled.',
  userNotConfirmed: 'User is not confirmed.',
  passwordResetRequired: 'Password reset required for the user',
  passwordAttemptsExceeded: 'Password attempts exceeded',
  invalidSession: 'Invalid session for the user.',
  sessionExpired: 'Invalid session for the user, session is expired.',
  sessionUsed: 'Invalid session for the user, session can only be used once.',
  codeMismatch: 'Invalid verification code provided, please try again.',
  codeExpired: 'Invalid code provided, please request a code again.',
  mfaCodeMismatch: 'Invalid code or auth state for the user.',
  accessTokenRevoked: 'Access Token has been revoked',
  accessTokenExpired: 'Access Token has expired',
  invalidAccessToken: 'Invalid Access Token',
  attemptLimit: 'Attempt limit exceeded, please try after some time.',
  usernameNotFoundForClient: 'Username/client id combination not found.',
} as const;

export const poolNotFound = (poolId: string) => fail('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
export const clientNotFound = (clientId: string) => fail('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
export const userNotFound = () => fail('UserNotFoundException', messages.userDoesNotExist);
