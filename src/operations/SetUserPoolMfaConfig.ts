import { fail } from '../errors.ts';
import { poolMfaFactors } from '../domain/mfa.ts';
import type { PoolConfig } from '../domain/types.ts';
import { poolSettings } from './pool-shapes.ts';
import { z } from 'zod';
import { bool, enumOf, shapes, str } from './shapes.ts';
import { loadPool } from '../pools/load.ts';
import { mfaConfigResponse } from './mfa.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html

// The model's pattern for EmailMfaMessageType. Run as a regular expression it backtracks
// quadratically (its character class also matches `{####}`), so only the `{####}` it demands is
// checked, and the pattern is named in the message as AWS would.
const EMAIL_MFA_MESSAGE_PATTERN = String.raw`[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*`;

export const input = z.object({
  UserPoolId: shapes.userPoolId(),
  SmsMfaConfiguration: z
    .object({
      SmsAuthenticationMessage: str({ min: 6, max: 140, pattern: /.*\{####\}.*/ }).optional(),
      SmsConfiguration: poolSettings.SmsConfiguration,
    })
    .optional(),
  SoftwareTokenMfaConfiguration: z.object({ Enabled: bool().optional() }).optional(),
  EmailMfaConfiguration: z
    .object({
      Message: str({ min: 6, max: 20000 })
        .refine((s) => s.includes('{####}'), { message: `Member must satisfy regular expression pattern: ${EMAIL_MFA_MESSAGE_PATTERN}` })
        .optional(),
      Subject: str({ min: 1, max: 140, pattern: /[\p{L}\p{M}\p{S}\p{N}\p{P}\s]+/u }).optional(),
    })
    .optional(),
  MfaConfiguration: enumOf(['OFF', 'ON', 'OPTIONAL']).optional(),
  WebAuthnConfiguration: z
    .object({
      RelyingPartyId: str({ min: 1, max: 127 }).optional(),
      UserVerification: enumOf(['required', 'preferred']).optional(),
      FactorConfiguration: enumOf(['SINGLE_FACTOR', 'MULTI_FACTOR_WITH_USER_VERIFICATION']).optional(),
    })
    .optional(),
});

export default operation({
  name: 'SetUserPoolMfaConfig',
  auth: 'signed',
  input,
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    // The factor blocks are set as a whole: one left out turns that factor off. MfaConfiguration
    // left out keeps the current mode; WebAuthnConfiguration left out keeps the passkey settings
    // (passkeys are not an MFA factor of this call).
    const next: PoolConfig = { ...pool.config, MfaConfiguration: req.MfaConfiguration ?? pool.config.MfaConfiguration ?? 'OFF' };
    delete next.SmsMfaConfiguration;
    delete next.SoftwareTokenMfaConfiguration;
    delete next.EmailMfaConfiguration;
    if (req.SmsMfaConfiguration) {
      next.SmsMfaConfiguration = req.SmsMfaConfiguration;
      // The SMS MFA message and SNS settings are the pool's own (DescribeUserPool shows them).
      if (req.SmsMfaConfiguration.SmsAuthenticationMessage !== undefined) next.SmsAuthenticationMessage = req.SmsMfaConfiguration.SmsAuthenticationMessage;
      if (req.SmsMfaConfiguration.SmsConfiguration !== undefined) next.SmsConfiguration = req.SmsMfaConfiguration.SmsConfiguration;
    }
    if (req.SoftwareTokenMfaConfiguration) next.SoftwareTokenMfaConfiguration = req.SoftwareTokenMfaConfiguration;
    if (req.EmailMfaConfiguration) next.EmailMfaConfiguration = req.EmailMfaConfiguration;
    if (req.WebAuthnConfiguration) next.WebAuthnConfiguration = req.WebAuthnConfiguration;

    const factors = poolMfaFactors(next);
    if (next.MfaConfiguration === 'OFF' && factors.length > 0) {
      throw fail('InvalidParameterException', "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.");
    }
    if (next.MfaConfiguration !== 'OFF' && factors.length === 0) {
      throw fail('InvalidParameterException', "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.");
    }
    await services.stores.pools.update({ ...pool, config: next, updatedAt: services.clock.now() });
    return mfaConfigResponse(next);
  },
});
