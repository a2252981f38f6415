import { authFlows, challengeNames } from '../sessions/names.ts';
import { z } from 'zod';
import { contextMembers, enumOf, shapes, stringMap, text } from './shapes.ts';

/** Input members shared by InitiateAuth / AdminInitiateAuth and the two RespondToAuthChallenge forms. */

export const initiateAuthMembers = {
  AuthFlow: enumOf(authFlows),
  AuthParameters: stringMap().optional(),
  ClientMetadata: shapes.clientMetadata().optional(),
  ClientId: shapes.clientId(),
  AnalyticsMetadata: contextMembers.AnalyticsMetadata,
  UserContextData: contextMembers.UserContextData,
  Session: shapes.session().optional(),
};

export const respondMembers = {
  ClientId: shapes.clientId(),
  ChallengeName: enumOf(challengeNames),
  Session: shapes.session().optional(),
  ChallengeResponses: stringMap().optional(),
  AnalyticsMetadata: contextMembers.AnalyticsMetadata,
  UserContextData: contextMembers.UserContextData,
  ClientMetadata: shapes.clientMetadata().optional(),
};

export const adminContextData = z.object({
  IpAddress: text(),
  ServerName: text(),
  ServerPath: text(),
  HttpHeaders: z.array(z.object({ headerName: text().optional(), headerValue: text().optional() })),
  EncodedData: text().optional(),
});

/** A sign-in call's origin for its event: the end user's IP as the app reports it, else the caller's. */
export function originOf(
  ctx: { ip: string; headers: Record<string, string | string[] | undefined> },
  reported: { IpAddress?: string | undefined } | undefined,
): { ip: string; userAgent: string | undefined } {
  const ua = ctx.headers['user-agent'];
  return { ip: reported?.IpAddress ?? ctx.ip, userAgent: typeof ua === 'string' ? ua : undefined };
}
