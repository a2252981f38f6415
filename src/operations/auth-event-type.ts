import type { AuthEvent } from '../domain/auth-event.ts';

/** AuthEventType as AdminListUserAuthEvents answers it (dates in epoch seconds). */
export function authEventType(e: AuthEvent): Record<string, unknown> {
  return {
    EventId: e.eventId,
    EventType: e.eventType,
    CreationDate: e.createdAt / 1000,
    EventResponse: e.response,
    // cognate assesses no risk: every event is NoRisk, with no compromised credentials seen.
    EventRisk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false },
    ChallengeResponses: e.challenges,
    EventContextData: e.context,
    ...(e.feedback ? { EventFeedback: { ...e.feedback, FeedbackDate: e.feedback.FeedbackDate / 1000 } } : {}),
  };
}
