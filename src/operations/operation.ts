import type { z } from 'zod';
import type { Services } from '../services.ts';

/**
 * One Cognito operation: its input shape and its handler. Whether it is called signed (SigV4)
 * or public is a fact of the API, kept in protocol/catalog.ts.
 */

export interface OperationContext {
  services: Services;
  requestId: string;
  /** Request headers, lowercased names. */
  headers: Record<string, string | string[] | undefined>;
}

export interface Operation<S extends z.ZodType = z.ZodType> {
  name: string;
  input: S;
  handler(input: z.output<S>, ctx: OperationContext): Promise<Record<string, unknown>>;
}

/** Declares an operation; the generic keeps the handler's input typed by the schema. */
export function operation<S extends z.ZodType>(def: Operation<S>): Operation<S> {
  return def;
}
