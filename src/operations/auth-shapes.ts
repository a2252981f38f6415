import { authFlows, challengeNames } from '../auth/names.ts';
import { z } from 'zod';
import { enumOf, shapes, str, stringMap } from './shapes.ts';

/** Input members shared by InitiateAuth / AdminInitiateAuth and the two RespondToAuthChallenge forms. */

const userContextData = z.object({ IpAddress: str().optional(), EncodedData: str().optional() });
const analyticsMetadata = z.object({ AnalyticsEndpointId: str().optional() });

export const initiateAuthMembers = {
  AuthFlow: enumOf(authFlows),
  AuthParameters: stringMap().optional(),
  ClientMetadata: shapes.clientMetadata().optional(),
  ClientId: shapes.clientId(),
  AnalyticsMetadata: analyticsMetadata.optional(),
  UserContextData: userContextData.optional(),
  Session: shapes.session().optional(),
};

export const respondMembers = {
  ClientId: shapes.clientId(),
  ChallengeName: enumOf(challengeNames),
  Session: shapes.session().optional(),
  ChallengeResponses: stringMap().optional(),
  AnalyticsMetadata: analyticsMetadata.optional(),
  UserContextData: userContextData.optional(),
  ClientMetadata: shapes.clientMetadata().optional(),
};

export const adminContextData = z.object({
  IpAddress: str(),
  ServerName: str(),
  ServerPath: str(),
  HttpHeaders: z.array(z.object({ headerName: str().optional(), headerValue: str().optional() })),
  EncodedData: str().optional(),
});
