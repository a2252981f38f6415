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
