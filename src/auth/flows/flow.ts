import type { FlowKind } from '../../domain/client.ts';
import type { AppClient, UserPool } from '../../domain/types.ts';
import type { Services } from '../../services.ts';
import type { AuthFlow, AuthResponse } from '../types.ts';

export interface FlowRequest {
  services: Services;
  pool: UserPool;
  client: AppClient;
  admin: boolean;
  flow: AuthFlow;
  params: Record<string, string>;
  clientMetadata?: Record<string, string>;
  /** InitiateAuth's Session member (USER_AUTH after ConfirmSignUp). */
  session?: string;
}

/** One AuthFlow: which operation may start it, which client setting allows it, and its first step. */
export interface Flow {
  kind: FlowKind;
  operations: 'public' | 'admin' | 'both';
  /** InvalidParameterException message when the client does not allow it. */
  notEnabled: string;
  start(req: FlowRequest): Promise<AuthResponse>;
}
