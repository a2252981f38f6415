import { z } from 'zod';
import { explicitAuthFlowValues, timeUnits } from '../domain/client.ts';
import { bool, enumOf, int, list, printable, shapes, str, text } from './shapes.ts';

/** The member shapes of CreateUserPoolClient and UpdateUserPoolClient (AWS model). */

const timeUnit = enumOf(timeUnits);
const redirectUrl = () => str({ min: 1, max: 1024, pattern: printable });

export const clientName = () => str({ min: 1, max: 128, pattern: /[\w\s+=,.@-]+/ });

/** Members CreateUserPoolClient and UpdateUserPoolClient both take (ClientName aside). */
export const clientSettings = {
  RefreshTokenValidity: int({ min: 0, max: 315360000 }).optional(),
  AccessTokenValidity: int({ min: 1, max: 86400 }).optional(),
  IdTokenValidity: int({ min: 1, max: 86400 }).optional(),
  TokenValidityUnits: z.object({ AccessToken: timeUnit.optional(), IdToken: timeUnit.optional(), RefreshToken: timeUnit.optional() }).optional(),
  ReadAttributes: list(str({ min: 1, max: 2048 })).optional(),
  WriteAttributes: list(str({ min: 1, max: 2048 })).optional(),
  ExplicitAuthFlows: list(enumOf(explicitAuthFlowValues)).optional(),
  SupportedIdentityProviders: list(str({ min: 1, max: 32, pattern: printable })).optional(),
  CallbackURLs: list(redirectUrl(), { max: 100 }).optional(),
  LogoutURLs: list(redirectUrl(), { max: 100 }).optional(),
  DefaultRedirectURI: redirectUrl().optional(),
  AllowedOAuthFlows: list(enumOf(['code', 'implicit', 'client_credentials']), { max: 3 }).optional(),
  AllowedOAuthScopes: list(str({ min: 1, max: 256, pattern: /[\x21\x23-\x5B\x5D-\x7E]+/ }), { max: 50 }).optional(),
  AllowedOAuthFlowsUserPoolClient: bool().optional(),
  AnalyticsConfiguration: z
    .object({
      ApplicationId: text().optional(),
      ApplicationArn: shapes.arn().optional(),
      RoleArn: shapes.arn().optional(),
      ExternalId: text().optional(),
      UserDataShared: bool().optional(),
    })
    .optional(),
  PreventUserExistenceErrors: enumOf(['LEGACY', 'ENABLED']).optional(),
  EnableTokenRevocation: bool().optional(),
  EnablePropagateAdditionalUserContextData: bool().optional(),
  AuthSessionValidity: int({ min: 3, max: 15 }).optional(),
  RefreshTokenRotation: z.object({ Feature: enumOf(['ENABLED', 'DISABLED']), RetryGracePeriodSeconds: int({ min: 0, max: 60 }).optional() }).optional(),
};
