// Creates a user pool, an app client and a user on a running cognate, then signs the user in.
// Start the server first (`npx cognate-idp serve`, or `npm start` in a clone), then: node examples/quickstart.mjs
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';

const cognito = new CognitoIdentityProviderClient({
  endpoint: process.env.COGNATE_URL ?? 'http://127.0.0.1:9229',
  region: 'us-east-1',
  // Any values: cognate checks that admin calls are signed, not by whom.
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'quickstart' }));
const { UserPoolClient } = await cognito.send(
  new CreateUserPoolClientCommand({
    UserPoolId: UserPool.Id,
    ClientName: 'web',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }),
);
await cognito.send(
  new AdminCreateUserCommand({
    UserPoolId: UserPool.Id,
    Username: 'alice',
    UserAttributes: [
      { Name: 'email', Value: 'alice@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ],
    MessageAction: 'SUPPRESS',
  }),
);
await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: UserPool.Id, Username: 'alice', Password: 'Correct-horse-1', Permanent: true }));

const { AuthenticationResult } = await cognito.send(
  new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: UserPoolClient.ClientId,
    AuthParameters: { USERNAME: 'alice', PASSWORD: 'Correct-horse-1' },
  }),
);
console.log({ userPoolId: UserPool.Id, clientId: UserPoolClient.ClientId, ...AuthenticationResult });
