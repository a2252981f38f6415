import type { z } from 'zod';
import type { Services } from '../services.ts';
import type { Authenticated } from '../tokens/access.ts';
import type { OperationName } from './catalog.ts';

/**
 * One Cognito operation: its name, how a caller is authorised, its input shape and its handler.
 *
 * - `public`: unsigned; authorised by what the input carries (ClientId, SecretHash, Session).
 * - `token`: unsigned; authorised by the input's AccessToken, which the dispatcher verifies
 *   before the handler runs and hands over as `caller`.
 * - `signed`: an AWS Signature Version 4 request (admin and management calls).
 */
export type AuthMode = 'public' | 'token' | 'signed';

export interface OperationContext {
  services: Services;
  requestId: string;
  /** Request headers, lowercased names. */
  headers: Record<string, string | string[] | undefined>;
  /** The caller's IP address as the server sees it. */
  ip: string;
}

/** What a `token` operation's handler gets besides: whom its access token speaks for. */
export interface TokenContext extends OperationContext {
  caller: Authenticated;
}

type ContextOf<A extends AuthMode> = A extends 'token' ? TokenContext : OperationContext;

export interface Operation<S extends z.ZodType = z.ZodType, A extends AuthMode = AuthMode> {
  name: OperationName;
  auth: A;
  input: S;
  /** Where cognate's behaviour stops short of Cognito's, for docs/operations.md; none when it does what Cognito does. */
  note?: string;
  /** The settings are checked, kept and returned, but nothing in cognate acts on them. */
  storedOnly?: boolean;
  handler(input: z.output<S>, ctx: ContextOf<A>): Promise<Record<string, unknown>>;
}

/** Declares an operation; the generics keep the handler's input typed by the schema and its context by the auth mode. */
export function operation<S extends z.ZodType, A extends AuthMode>(def: Operation<S, A>): Operation<S, A> {
  return def;
}
