import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { giveFeedback } from '../users/auth-events.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { enumOf, shapes, str } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateAuthEventFeedback.html

export default operation({
  name: 'UpdateAuthEventFeedback',
  auth: 'public',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    EventId: str({ min: 1, max: 50, pattern: /[\w+-]+/ }),
    FeedbackToken: shapes.token(),
    FeedbackValue: enumOf(['Valid', 'Invalid']),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    await giveFeedback(services, pool, user, req.EventId, req.FeedbackValue, { provider: 'User', token: req.FeedbackToken });
    return {};
  },
});
