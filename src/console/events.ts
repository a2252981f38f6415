import type { AuthEvent, TraceStep } from '../domain/auth-event.ts';
import { esc, facts, json, table, urls, when } from './layout.ts';

/**
 * A user's sign-ins as a list of events, and one event as the timeline of its trace: each step
 * with its stage, the facts a policy decided on, a trigger's event and response side by side, the
 * tokens' claims, and where it failed. The trace holds no secret (src/events/redact.ts); this only
 * shows it.
 */

const badge = (response: string) => `<span class="badge ${esc(response)}">${esc(response === 'InProgress' ? 'In progress' : response)}</span>`;

const challengeSummary = (e: AuthEvent) =>
  e.challenges.length ? esc(e.challenges.map((c) => `${c.ChallengeName}: ${c.ChallengeResponse}`).join(', ')) : '<span class="muted">none</span>';

const flowOf = (e: AuthEvent) => {
  const first = e.trace.find((s) => s.kind === 'flow');
  return typeof first?.flow === 'string' ? first.flow : '';
};

export function signInsList(poolId: string, username: string, events: AuthEvent[]): string {
  const rows = events.map((e) => [
    `<a href="${esc(urls.event(poolId, username, e.eventId))}">${esc(when(e.createdAt))}</a>`,
    esc(e.eventType),
    esc(flowOf(e)),
    badge(e.response),
    challengeSummary(e),
    esc(e.context.IpAddress ?? ''),
    String(e.trace.length),
  ]);
  return table('Sign-in events', ['When', 'Event', 'Flow', 'Result', 'Challenges', 'IP address', 'Steps'], rows, 'no sign-in yet.');
}

/** Labels for the standard policy's facts (auth/policies/standard.ts StandardFacts) and the choice policy's. */
const FACT_LABELS: Record<string, string> = {
  userStatus: 'User status',
  phantom: 'Unknown user (answered like a real one)',
  done: 'Stages already passed',
  passwordFactor: 'First factor was a password',
  mfaConfiguration: 'Pool MFA setting',
  mfaAvailable: 'MFA factors the user can be asked',
  mfaPreferred: 'Preferred MFA factor',
  knownDevice: 'A known device was presented',
  deviceStandsInForMfa: 'The remembered device stands in for MFA',
  available: 'First factors offered',
};

const label = (k: string) => FACT_LABELS[k] ?? k;

function stepTitle(s: TraceStep): string {
  switch (s.kind) {
    case 'flow':
      return `Started ${String(s.flow)}${s.admin ? ' (administrator call)' : ''}`;
    case 'decision':
      return s.decision === 'fail'
        ? `The ${String(s.policy)} policy refused the sign-in`
        : s.decision === 'tokens'
          ? `The ${String(s.policy)} policy decided: issue tokens`
          : `The ${String(s.policy)} policy asked for ${String(s.decision)}`;
    case 'issued':
      return `Challenge issued: ${String(s.challenge)}`;
    case 'answered':
      return `${String(s.challenge)} answered: ${s.outcome === 'passed' ? 'passed' : s.outcome === 'wrong' ? 'wrong' : String(s.outcome)}`;
    case 'trigger':
      return `Trigger ${String(s.trigger)}${s.source ? ` (${String(s.source)})` : ''}${s.error ? ' failed' : ''}`;
    case 'tokens':
      return 'Tokens issued';
    case 'error':
      return `Failed: ${String(s.name)}`;
  }
}

function stepDetails(s: TraceStep): string {
  switch (s.kind) {
    case 'flow':
      return facts([
        ['Username typed', s.username],
        ['App client', s.clientId],
      ]);
    case 'decision': {
      const why = (s.why ?? {}) as Record<string, unknown>;
      return `${s.error ? `<p>Error: <code>${esc(String(s.error))}</code></p>` : ''}<h4>Why: the facts the policy decided on</h4>${facts(
        Object.entries(why).map(([k, v]) => [label(k), v]),
      )}`;
    }
    case 'issued':
      return `${facts([['Offered', s.AvailableChallenges]])}<h4>Parameters sent to the client</h4>${json(s.parameters)}`;
    case 'answered':
      return facts([
        ['Outcome', s.outcome],
        ['Error', s.error],
        ['Result recorded', s.result],
        ['Chose', s.next],
      ]);
    case 'trigger':
      return `${facts([['Took', `${String(s.ms)} ms`]])}<div class="side"><div><h4>Input (event)</h4>${json(s.event)}</div><div><h4>Output (${s.error ? 'error' : 'response'})</h4>${
        s.error ? `<p class="error">${esc(String(s.error))}</p>` : json(s.response)
      }</div></div>`;
    case 'tokens':
      return `${facts([
        ['Refresh token', s.refreshToken],
        ['New device', s.newDevice],
      ])}<div class="side"><div><h4>ID token claims</h4>${s.id === undefined ? '<p class="muted">No ID token.</p>' : json(s.id)}</div><div><h4>Access token claims</h4>${json(s.access)}</div></div>`;
    case 'error':
      return `<p>${esc(String(s.message ?? ''))}</p>`;
  }
}

const failed = (s: TraceStep) =>
  s.kind === 'error' ||
  (s.kind === 'answered' && s.outcome === 'wrong') ||
  (s.kind === 'decision' && s.decision === 'fail') ||
  (s.kind === 'trigger' && s.error !== undefined);

/** The event's summary and timeline (the part that refreshes while the sign-in is in progress). */
export function eventTimeline(e: AuthEvent): string {
  const failure = e.trace.findIndex(failed);
  const steps = e.trace.map((s, i) => {
    const n = i + 1;
    return `<li class="${esc(s.kind)}${failed(s) ? ' failed' : ''}" aria-labelledby="step-${n}"><h3 id="step-${n}">${n}. ${esc(stepTitle(s))}${
      failed(s) ? ' <span class="badge Fail">failed here</span>' : ''
    }</h3><p class="muted">${esc(String(s.at))} ms into its API call · ${esc(s.kind)}</p>${stepDetails(s)}</li>`;
  });
  const progress = e.response === 'InProgress' ? '<p class="muted">The sign-in is in progress: its steps appear here as they happen.</p>' : '';
  return `${progress}<div class="card">${facts([
    ['When', when(e.createdAt)],
    ['Last change', when(e.updatedAt)],
    ['Event type', e.eventType],
    ['Challenges', e.challenges.map((c) => `${c.ChallengeName}: ${c.ChallengeResponse}`)],
    ['IP address', e.context.IpAddress],
    ['Device', e.context.DeviceName],
    ['Feedback', e.feedback ? `${e.feedback.FeedbackValue} (${e.feedback.Provider})` : undefined],
  ])}<p>Result: ${badge(e.response)}${failure >= 0 ? ` — <a href="#step-${failure + 1}">first failure at step ${failure + 1}</a>` : ''}</p></div>
<h2>Timeline</h2>
${steps.length ? `<ol class="timeline">${steps.join('\n')}</ol>` : '<p class="muted">No step recorded.</p>'}`;
}

export function eventBody(poolId: string, username: string, e: AuthEvent): string {
  const live = e.response === 'InProgress' ? ` data-live="${esc(`${urls.event(poolId, username, e.eventId)}?part=timeline`)}"` : '';
  return `<p class="muted">Event <code>${esc(e.eventId)}</code>.</p>
<div id="timeline"${live} aria-live="polite">${eventTimeline(e)}</div>`;
}
