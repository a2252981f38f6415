/** One Cognito call a client library made, as it went over the wire. */
export interface Call {
  target: string;
  request: Record<string, any>;
  status: number;
  response: Record<string, any>;
}

/**
 * Wraps the global fetch (which amazon-cognito-identity-js and Amplify call at request time) so a
 * test sees exactly what the library sent and what the server answered. The AWS SDK used for
 * setup has its own HTTP handler and is not recorded.
 */
export function recordCognitoCalls(): { calls: Call[] } {
  const calls: Call[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await realFetch(input, init);
    const target = new Headers(init?.headers).get('x-amz-target');
    if (target) {
      const text = await response.clone().text();
      calls.push({
        target: target.replace('AWSCognitoIdentityProviderService.', ''),
        request: JSON.parse(String(init?.body ?? '{}')),
        status: response.status,
        response: text ? JSON.parse(text) : {},
      });
    }
    return response;
  };
  return { calls };
}
