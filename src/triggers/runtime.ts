import type { ServerConfig } from '../config/schema.ts';
import { createLambdaEndpoint, type LambdaEndpoint } from './lambda-endpoint.ts';
import { createLocalFunctions, type LocalFunctions } from './local-functions.ts';
import type { TriggerRuntime } from '../services.ts';

/**
 * Where a pool's Lambda triggers run. A LambdaConfig names functions by ARN,
 * `arn:aws:lambda:<region>:<account>:function:NAME` (optionally `:qualifier`). NAME runs from
 * `--functions DIR` (NAME.mjs or NAME.js) when that folder has it, else through the Lambda
 * Invoke API at `--lambda-endpoint`.
 */

/** The LambdaConfig keys that name a function (InboundFederation is federation-only and not invoked). */
export type TriggerName =
  | 'PreSignUp'
  | 'CustomMessage'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse'
  | 'PreTokenGeneration'
  | 'UserMigration'
  | 'CustomEmailSender'
  | 'CustomSMSSender';

/** Cognito's limit on every trigger; not configurable. */
export const TRIGGER_TIMEOUT_MS = 5_000;

const FUNCTION_ARN = /^arn:[\w-]+:lambda:([a-z0-9-]*):(\d*):function:([A-Za-z0-9_-]{1,140})(?::([A-Za-z0-9$_-]{1,128}))?$/;

/** The parts of a Lambda function ARN, or undefined when `arn` is not one. */
export function parseFunctionArn(arn: string): { region: string; name: string; qualifier: string | undefined } | undefined {
  const m = FUNCTION_ARN.exec(arn);
  if (!m) return undefined;
  return { region: m[1]!, name: m[3]!, qualifier: m[4] };
}

export interface TriggerRuntimeOptions {
  timeoutMs?: number;
  /** Worker threads for `--functions` modules. */
  maxThreads?: number;
  log?: { warn(obj: object, msg: string): void };
}

export function createTriggerRuntime(config: ServerConfig, options: TriggerRuntimeOptions = {}): TriggerRuntime {
  const timeoutMs = options.timeoutMs ?? TRIGGER_TIMEOUT_MS;
  let local: LocalFunctions | undefined;
  let remote: LambdaEndpoint | undefined;
  const localFunctions = () =>
    (local ??= config.functions !== undefined ? createLocalFunctions(config.functions, { timeoutMs, maxThreads: options.maxThreads ?? 4 }) : undefined);
  const endpoint = () => (remote ??= config.lambdaEndpoint !== undefined ? createLambdaEndpoint(config.lambdaEndpoint, { timeoutMs }) : undefined);

  /** Why `name` has nowhere to run, or undefined when a module or the Lambda endpoint runs it. */
  const missing = (name: string): string | undefined => {
    if (localFunctions()?.find(name) || config.lambdaEndpoint !== undefined) return undefined;
    return config.functions === undefined
      ? `no --functions folder or --lambda-endpoint is configured to run ${name}`
      : `neither ${name}.mjs nor ${name}.js is in the --functions folder, and no --lambda-endpoint is configured`;
  };

  return {
    async run({ trigger, arn, event, mode }) {
      const parsed = parseFunctionArn(arn);
      if (!parsed) return { kind: 'failed', cause: 'ResourceNotFoundException' };
      const functions = localFunctions();
      const url = functions?.find(parsed.name);
      if (functions && url) return functions.invoke({ url, name: parsed.name, qualifier: parsed.qualifier, arn, event });
      const api = endpoint();
      if (api) return api.invoke({ arn, region: parsed.region || config.region, payload: JSON.stringify(event), mode });
      options.log?.warn({ trigger, arn, functions: config.functions ?? null }, `${trigger}: ${missing(parsed.name)}`);
      return { kind: 'failed', cause: 'ResourceNotFoundException' };
    },
    cannotRun(arn) {
      const parsed = parseFunctionArn(arn);
      return parsed ? missing(parsed.name) : `${arn} is not a Lambda function ARN`;
    },
    async close() {
      remote?.close();
      await local?.close();
    },
  };
}
