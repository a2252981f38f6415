import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { riskConfiguration } from '../pools/risk-configuration.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeRiskConfiguration.html

export default operation({
  name: 'DescribeRiskConfiguration',
  auth: 'signed',
  storedOnly: true,
  note: 'No risk is evaluated: the settings change no sign-in.',
  input: z.object({ UserPoolId: shapes.userPoolId(), ClientId: shapes.clientId().optional() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    if (req.ClientId !== undefined) await loadClient(services, req.ClientId, pool.id);
    return { RiskConfiguration: await riskConfiguration(services, pool, req.ClientId) };
  },
});
