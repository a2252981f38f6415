// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html
import { hidesUserExistence } from '../../domain/client.ts';
import { createAuthChallengeEvent } from '../../triggers/CreateAuthChallenge.ts';
import { eventAttributes, metadataOf, type ChallengeResult } from '../../triggers/event.ts';
import { invokeTrigger } from '../../triggers/invoker.ts';
import { verifyAuthChallengeResponseEvent } from '../../triggers/VerifyAuthChallengeResponse.ts';
import { z } from 'zod';
import { requireParam } from '../params.ts';
import { origin } from '../triggers.ts';
import type { AuthContext, Challenge } from '../types.ts';

const stateSchema = z.object({ private: z.record(z.string(), z.string()), metadata: z.string().optional() });

const notFound = (ctx: AuthContext) => (hidesUserExistence(ctx.client) ? { userNotFound: ctx.user === undefined } : {});
const attributes = (ctx: AuthContext) => (ctx.user ? eventAttributes(ctx.pool, ctx.user) : {});

/**
 * A Lambda-defined challenge: CreateAuthChallenge makes it (public parameters to the client,
 * private ones kept in the session), VerifyAuthChallengeResponse judges the ANSWER, and the
 * result — right or wrong — is recorded for DefineAuthChallenge to decide what follows.
 */
export const CUSTOM_CHALLENGE: Challenge<z.output<typeof stateSchema>> = {
  state: stateSchema,
  ownParameters: true,
  async issue(ctx) {
    const made = await invokeTrigger(
      ctx.services,
      ctx.pool,
      'CreateAuthChallenge',
      createAuthChallengeEvent(origin(ctx), {
        userAttributes: attributes(ctx),
        challengeName: 'CUSTOM_CHALLENGE',
        session: ctx.state.history as ChallengeResult[],
        clientMetadata: metadataOf(ctx.state.clientMetadata),
        ...notFound(ctx),
      }),
    );
    return {
      parameters: { ...(made.publicChallengeParameters ?? {}) },
      state: {
        private: made.privateChallengeParameters ?? {},
        ...(made.challengeMetadata ? { metadata: made.challengeMetadata } : {}),
      },
    };
  },
  async answer(ctx, responses, state) {
    const answer = requireParam(responses, 'ANSWER');
    const verdict = await invokeTrigger(
      ctx.services,
      ctx.pool,
      'VerifyAuthChallengeResponse',
      verifyAuthChallengeResponseEvent(origin(ctx), {
        userAttributes: attributes(ctx),
        privateChallengeParameters: state.private,
        challengeAnswer: answer,
        clientMetadata: metadataOf(ctx.state.clientMetadata),
        ...notFound(ctx),
      }),
    );
    return { kind: 'recorded', result: verdict.answerCorrect === true, ...(state.metadata !== undefined ? { metadata: state.metadata } : {}) };
  },
};
