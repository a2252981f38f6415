import type { Services } from '../services.ts';
import { triggerArn } from './invoker.ts';
import type { TriggerName } from './runtime.ts';

const TRIGGERS: readonly TriggerName[] = [
  'PreSignUp',
  'CustomMessage',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
  'PreTokenGeneration',
  'UserMigration',
  'CustomEmailSender',
  'CustomSMSSender',
];

export interface UnreachableFunction {
  poolId: string;
  trigger: TriggerName;
  arn: string;
  why: string;
}

/**
 * The triggers of every pool whose function this server cannot run (no module of that name in
 * `--functions`, and no `--lambda-endpoint`): told at start, so a sign-in failing with
 * UnexpectedLambdaException later is no surprise.
 */
export async function unreachableFunctions(services: Services): Promise<UnreachableFunction[]> {
  const out: UnreachableFunction[] = [];
  let after: string | undefined;
  do {
    const page = await services.stores.pools.list(60, after);
    for (const pool of page.items) {
      for (const trigger of TRIGGERS) {
        const arn = triggerArn(pool, trigger);
        const why = arn === undefined ? undefined : services.triggers.cannotRun(arn);
        if (arn !== undefined && why !== undefined) out.push({ poolId: pool.id, trigger, arn, why });
      }
    }
    after = page.next;
  } while (after !== undefined);
  return out;
}
