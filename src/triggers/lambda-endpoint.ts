import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { TriggerOutcome as Outcome } from '../services.ts';

/**
 * Trigger functions reached through the Lambda Invoke API at `--lambda-endpoint` (real Lambda,
 * LocalStack, or anything speaking `POST /2015-03-31/functions/<name>/invocations`).
 *
 * Credentials: the SDK's usual chain when the environment names some (AWS_ACCESS_KEY_ID,
 * AWS_PROFILE, web identity, container credentials); otherwise fixed dummy ones, which local
 * emulators accept, so that no instance-metadata lookup delays the first call.
 */

export interface LambdaEndpoint {
  invoke(call: { arn: string; region: string; payload: string; mode: 'sync' | 'async' }): Promise<Outcome>;
  close(): void;
}

const CREDENTIAL_HINTS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
];

/** The message of a function error payload (`{"errorMessage": …, "errorType": …}`), or the raw text. */
function functionErrorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { errorMessage?: unknown };
    if (body && typeof body === 'object' && typeof body.errorMessage === 'string') return body.errorMessage;
  } catch {
    // not JSON: the text itself is the best description
  }
  return text;
}

export function createLambdaEndpoint(endpoint: string, options: { timeoutMs: number; env?: NodeJS.ProcessEnv }): LambdaEndpoint {
  const env = options.env ?? process.env;
  const useChain = CREDENTIAL_HINTS.some((k) => env[k]);
  const clients = new Map<string, LambdaClient>();
  const clientFor = (region: string) => {
    let client = clients.get(region);
    if (!client) {
      client = new LambdaClient({
        endpoint,
        region,
        maxAttempts: 1,
        ...(useChain ? {} : { credentials: { accessKeyId: 'cognate', secretAccessKey: 'cognate' } }),
      });
      clients.set(region, client);
    }
    return client;
  };

  return {
    async invoke({ arn, region, payload, mode }) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), options.timeoutMs);
      try {
        const out = await clientFor(region).send(
          new InvokeCommand({
            FunctionName: arn,
            // The custom sender triggers are invoked asynchronously, as Cognito does.
            InvocationType: mode === 'async' ? 'Event' : 'RequestResponse',
            Payload: Buffer.from(payload, 'utf8'),
          }),
          { abortSignal: abort.signal },
        );
        const text = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
        if (out.FunctionError) return { kind: 'threw', message: functionErrorMessage(text) };
        if (mode === 'async') return { kind: 'returned', payload: '{}' };
        return { kind: 'returned', payload: text };
      } catch (error) {
        if (abort.signal.aborted) return { kind: 'failed', cause: 'Socket timeout while invoking Lambda function' };
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        // An error the Lambda service answered with (ResourceNotFoundException, AccessDeniedException, …).
        if (typeof e.$metadata?.httpStatusCode === 'number' && e.name) return { kind: 'failed', cause: e.name };
        return { kind: 'failed', cause: 'Unable to execute HTTP request' };
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
