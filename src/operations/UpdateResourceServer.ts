import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { updateResourceServer } from '../pools/resource-servers.ts';
import { operation } from './operation.ts';
import { describeResourceServer, resourceServerIdentifier, resourceServerName, resourceServerScopes } from './resource-server-shapes.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateResourceServer.html

export default operation({
  name: 'UpdateResourceServer',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Identifier: resourceServerIdentifier(),
    Name: resourceServerName(),
    Scopes: resourceServerScopes().optional(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    // A replacement, as Cognito documents: scopes left out are removed.
    const server = await updateResourceServer(services, pool, req.Identifier, req.Name, req.Scopes ?? []);
    return { ResourceServer: describeResourceServer(server) };
  },
});
