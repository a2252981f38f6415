import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { logDeliveryConfiguration } from '../pools/log-delivery.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetLogDeliveryConfiguration.html

export default operation({
  name: 'GetLogDeliveryConfiguration',
  auth: 'signed',
  storedOnly: true,
  note: 'cognate exports no logs; it logs to its own output.',
  input: z.object({ UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return { LogDeliveryConfiguration: await logDeliveryConfiguration(services, pool) };
  },
});
