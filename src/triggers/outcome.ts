/**
 * How an invocation ended, before it is turned into what the API caller sees (invoker.ts):
 * - `returned`: the function answered; `payload` is the JSON text it produced (undefined when its
 *   value could not be serialised);
 * - `threw`: the function failed (Lambda's `Unhandled` function error), with its error message;
 * - `failed`: the function could not be run to the end (timeout, missing, transport), with the
 *   cause Cognito names in its message.
 */
export type Outcome = { kind: 'returned'; payload: string | undefined } | { kind: 'threw'; message: string } | { kind: 'failed'; cause: string };
