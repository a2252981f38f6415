import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { setRiskConfiguration } from '../pools/risk-configuration.ts';
import { operation } from './operation.ts';
import { bool, enumOf, list, shapes, str, text } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetRiskConfiguration.html

const notifyEmail = z.object({
  Subject: str({ min: 1, max: 140, pattern: /[\p{L}\p{M}\p{S}\p{N}\p{P}\s]+/u }),
  HtmlBody: str({ min: 6, max: 20000, pattern: /[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]+/u }).optional(),
  TextBody: str({ min: 6, max: 20000, pattern: /[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]+/u }).optional(),
});

const takeoverAction = z.object({ Notify: bool(), EventAction: enumOf(['BLOCK', 'MFA_IF_CONFIGURED', 'MFA_REQUIRED', 'NO_ACTION']) });

export default operation({
  name: 'SetRiskConfiguration',
  auth: 'signed',
  storedOnly: true,
  note: 'No risk is evaluated: the settings change no sign-in.',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    ClientId: shapes.clientId().optional(),
    CompromisedCredentialsRiskConfiguration: z
      .object({
        EventFilter: list(enumOf(['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'])).optional(),
        Actions: z.object({ EventAction: enumOf(['BLOCK', 'NO_ACTION']) }),
      })
      .optional(),
    AccountTakeoverRiskConfiguration: z
      .object({
        NotifyConfiguration: z
          .object({
            From: text().optional(),
            ReplyTo: text().optional(),
            SourceArn: shapes.arn(),
            BlockEmail: notifyEmail.optional(),
            NoActionEmail: notifyEmail.optional(),
            MfaEmail: notifyEmail.optional(),
          })
          .optional(),
        Actions: z.object({ LowAction: takeoverAction.optional(), MediumAction: takeoverAction.optional(), HighAction: takeoverAction.optional() }),
      })
      .optional(),
    RiskExceptionConfiguration: z
      .object({ BlockedIPRangeList: list(text(), { max: 200 }).optional(), SkippedIPRangeList: list(text(), { max: 200 }).optional() })
      .optional(),
  }),
  async handler(req, { services }) {
    const { UserPoolId, ClientId, ...settings } = req;
    const pool = await loadPool(services, UserPoolId);
    if (ClientId !== undefined) await loadClient(services, ClientId, pool.id);
    return { RiskConfiguration: await setRiskConfiguration(services, pool, ClientId, settings) };
  },
});
