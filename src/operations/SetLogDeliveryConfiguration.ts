import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { setLogDeliveryConfiguration } from '../pools/log-delivery.ts';
import { operation } from './operation.ts';
import { enumOf, list, shapes, str } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetLogDeliveryConfiguration.html

const s3Arn = () => str({ min: 3, max: 1024, pattern: /arn:[\w+=/,.@-]+:[\w+=/,.@-]+:::[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?/ });

export default operation({
  name: 'SetLogDeliveryConfiguration',
  auth: 'signed',
  storedOnly: true,
  note: 'cognate exports no logs; it logs to its own output.',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    LogConfigurations: list(
      z.object({
        LogLevel: enumOf(['ERROR', 'INFO']),
        EventSource: enumOf(['userNotification', 'userAuthEvents']),
        CloudWatchLogsConfiguration: z.object({ LogGroupArn: shapes.arn().optional() }).optional(),
        S3Configuration: z.object({ BucketArn: s3Arn().optional() }).optional(),
        FirehoseConfiguration: z.object({ StreamArn: shapes.arn().optional() }).optional(),
      }),
      { min: 0, max: 2 },
    ),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return { LogDeliveryConfiguration: await setLogDeliveryConfiguration(services, pool, req.LogConfigurations) };
  },
});
