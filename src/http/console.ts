import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { COOKIE, type ConsoleSession, consoleAccess, SESSION_MS } from '../console/access.ts';
import { clientsBody } from '../console/clients.ts';
import { eventBody, eventTimeline, signInsList } from '../console/events.ts';
import { groupsBody } from '../console/groups.ts';
import { BASE, esc, type Frame, type PoolSection, page, urls } from '../console/layout.ts';
import { messagesBody, messagesList } from '../console/messages.ts';
import { oauthBody } from '../console/oauth.ts';
import { poolSettingsBody, poolsBody } from '../console/pools.ts';
import { signInBody } from '../console/sign-in.ts';
import { userBody, usersBody } from '../console/users.ts';
import { forgetDevice, listUserDevices, loadUserDevice } from '../devices/devices.ts';
import type { UserPool } from '../domain/types.ts';
import { CognitoError, fail } from '../errors.ts';
import { clientName, clientSettings } from '../operations/client-shapes.ts';
import { groupMembers } from '../operations/group-shapes.ts';
import { createUserPoolInput } from '../operations/pool-shapes.ts';
import { shapes } from '../operations/shapes.ts';
import { createClient } from '../pools/create-client.ts';
import { createPool } from '../pools/create-pool.ts';
import { addToGroup, createGroup, deleteGroup, groupsOfUser, listGroups, loadGroup, removeFromGroup } from '../pools/groups.ts';
import { loadPool } from '../pools/load.ts';
import { validate } from '../protocol/validate.ts';
import type { Services } from '../services.ts';
import { adminCreateUser } from '../users/admin-create-user.ts';
import { listAuthEvents, loadAuthEvent } from '../users/auth-events.ts';
import { deleteUser } from '../users/delete-user.ts';
import { disableUser, enableUser } from '../users/enable-user.ts';
import { loadUser } from '../users/find-user.ts';
import { listUsers, parseUserFilter } from '../users/list-users.ts';
import { adminResetUserPassword } from '../users/recovery.ts';
import { deleteSoftwareToken } from '../users/software-token.ts';
import { deletePasskey, listPasskeys } from '../webauthn/credentials.ts';
import { parseCookies } from './cookies.ts';

/**
 * The web console at /_cognate/console: this file turns HTTP into calls of the application layer
 * (pools, users, groups, devices, passkeys, the event log) and renders the answers with
 * src/console. It decides nothing the API would decide differently: a form is checked with the
 * operation's own input shapes and handed to the same functions the operations call.
 *
 * Every response is a page or a fragment of one (what the live regions fetch). Every POST carries
 * the CSRF token of the browser's console session (src/console/access.ts); in production mode
 * only a session signed in with an --admin-credentials key gets past the sign-in page.
 */

type Params = Record<string, string>;
type Query = Record<string, string | undefined>;

interface Ctx {
  session: ConsoleSession;
  csrf: string;
  nonce: string;
  signedInAs: string | undefined;
}

/** What a page handler answers: a whole page, or the fragment a live region asked for. */
type Rendered =
  | { title: string; body: string; pool?: { pool: UserPool; section: PoolSection }; trail?: Frame['trail'] }
  | { fragment: string; final?: boolean };

type PageHandler = (ctx: Ctx, params: Params, query: Query) => Promise<Rendered>;
/** An action: does its work and says where to go next (with a notice), or throws a CognitoError shown on `page`. */
type ActionHandler = (ctx: Ctx, params: Params, form: URLSearchParams) => Promise<{ to: string; notice: keyof typeof NOTICES }>;

/** The notices an action may leave (by key, so a link cannot make the console say anything else). */
const NOTICES = {
  'pool-created': 'User pool created.',
  'client-created': 'App client created.',
  'user-created': 'User created.',
  'user-enabled': 'User enabled.',
  'user-disabled': 'User disabled: they cannot sign in, and their tokens stop working.',
  'password-reset': 'Password reset: the user must set a new one with the code sent to them.',
  'user-deleted': 'User deleted.',
  'group-created': 'Group created.',
  'group-deleted': 'Group deleted.',
  'group-added': 'User added to the group.',
  'group-removed': 'User removed from the group.',
  'device-forgotten': 'Device forgotten.',
  'passkey-deleted': 'Passkey deleted.',
  'software-token-deleted': 'Authenticator app removed.',
} as const;

const withNotice = (to: string, notice: keyof typeof NOTICES) => `${to}${to.includes('?') ? '&' : '?'}done=${notice}`;

const CSP = (nonce: string) =>
  `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const formOf = (request: FastifyRequest) => {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return new URLSearchParams(type === 'application/x-www-form-urlencoded' && typeof request.body === 'string' ? request.body : '');
};

/** A form field, trimmed; empty is absent. */
const field = (form: URLSearchParams, name: string): string | undefined => {
  const v = form.get(name)?.trim();
  return v ? v : undefined;
};
const listField = (form: URLSearchParams, name: string) => form.getAll(name).filter((v) => v !== '');

export function consoleRoutes(app: FastifyInstance, services: Services): void {
  const access = consoleAccess(services.config, services.sealer);
  const outbox = () => !access.production;
  /** The page handlers by route, so an action can show its refusal on the page its form came from. */
  const pages = new Map<string, PageHandler>();

  function headers(reply: FastifyReply, nonce: string): FastifyReply {
    // Not for other origins' scripts: the JSON API's CORS headers do not apply here.
    reply.removeHeader('access-control-allow-origin');
    reply.removeHeader('access-control-expose-headers');
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('content-security-policy', CSP(nonce));
  }

  function setSession(request: FastifyRequest, reply: FastifyReply, session: ConsoleSession | undefined): void {
    const secure = request.protocol === 'https' ? '; Secure' : '';
    const value = session ? `${session.cookie}; Max-Age=${SESSION_MS / 1000}` : '; Max-Age=0';
    reply.header('set-cookie', `${COOKIE}=${value}; Path=${BASE}; HttpOnly; SameSite=Strict${secure}`);
  }

  /** The browser's console session: the one its cookie carries, or a new anonymous one. */
  function sessionOf(request: FastifyRequest, reply: FastifyReply): ConsoleSession {
    const now = services.clock.now();
    const existing = access.session(parseCookies(request.headers.cookie)[COOKIE], now);
    if (existing) return existing;
    const fresh = access.open('', now);
    setSession(request, reply, fresh);
    return fresh;
  }

  function ctxOf(session: ConsoleSession): Ctx {
    return { session, csrf: access.csrf(session), nonce: randomBytes(16).toString('base64url'), signedInAs: session.key || undefined };
  }

  function send(reply: FastifyReply, ctx: Ctx, rendered: Rendered, status = 200, extra: Pick<Frame, 'notice' | 'error'> = {}): FastifyReply {
    headers(reply, ctx.nonce).code(status);
    if ('fragment' in rendered) {
      if (rendered.final) reply.header('x-console-final', '1');
      return reply.send(rendered.fragment);
    }
    const frame: Frame = {
      title: rendered.title,
      nonce: ctx.nonce,
      csrf: ctx.csrf,
      signedInAs: ctx.signedInAs,
      outbox: outbox(),
      trail: rendered.trail,
      ...(rendered.pool ? { pool: { id: rendered.pool.pool.id, name: rendered.pool.pool.name, section: rendered.pool.section } } : {}),
      ...extra,
    };
    return reply.send(page(frame, rendered.body));
  }

  function refused(reply: FastifyReply, ctx: Ctx, status: number, title: string, message: string): FastifyReply {
    return send(reply, ctx, { title, body: `<p class="error" role="alert">${message}</p><p><a href="${BASE}">Back to the console</a></p>` }, status);
  }

  /** Renders an error the console can show: Cognito's, or a generic one (logged). */
  function messageOf(error: unknown, request: FastifyRequest): string {
    if (error instanceof CognitoError) return `${error.type}: ${error.message}`;
    request.log.error({ err: error }, 'console: internal error');
    return 'InternalErrorException: An internal error occurred.';
  }

  function get(path: string, handler: PageHandler): void {
    app.get(path, async (request, reply) => {
      const session = sessionOf(request, reply);
      const ctx = ctxOf(session);
      const query = request.query as Query;
      if (!access.admitted(session)) {
        if (query.part !== undefined) {
          headers(reply, ctx.nonce).code(401);
          return reply.send('');
        }
        return reply.redirect(urls.signIn, 303);
      }
      const notice = query.done !== undefined && Object.hasOwn(NOTICES, query.done) ? NOTICES[query.done as keyof typeof NOTICES] : undefined;
      try {
        return send(reply, ctx, await handler(ctx, request.params as Params, query), 200, { notice });
      } catch (error) {
        const status = error instanceof CognitoError ? (error.type === 'ResourceNotFoundException' || error.type === 'UserNotFoundException' ? 404 : 400) : 500;
        return refused(reply, ctx, status, 'Not shown', esc(messageOf(error, request)));
      }
    });
    pages.set(path, handler);
  }

  /** A POST: CSRF first, then the action; a refusal is shown on the page the form came from. */
  function post(path: string, page: string, handler: ActionHandler): void {
    app.post(path, async (request, reply) => {
      const session = sessionOf(request, reply);
      const ctx = ctxOf(session);
      const form = formOf(request);
      if (!access.csrfValid(session, form.get('_csrf') ?? undefined)) {
        return refused(
          reply,
          ctx,
          403,
          'Form expired',
          'The form was not sent from this console session (or the session ended). Open the page again and retry.',
        );
      }
      if (!access.admitted(session)) return reply.redirect(urls.signIn, 303);
      const params = request.params as Params;
      try {
        const { to, notice } = await handler(ctx, params, form);
        return reply.redirect(withNotice(to, notice), 303);
      } catch (error) {
        const shown = pages.get(page);
        const message = messageOf(error, request);
        if (!shown) return refused(reply, ctx, 400, 'Not done', esc(message));
        try {
          return send(reply, ctx, await shown(ctx, params, {}), error instanceof CognitoError ? 400 : 500, { error: message });
        } catch (again) {
          return refused(reply, ctx, 400, 'Not done', esc(messageOf(again, request)));
        }
      }
    });
  }

  // --- signing in (production mode) ---

  app.get(urls.signIn, async (request, reply) => {
    const ctx = ctxOf(sessionOf(request, reply));
    if (!access.production) return reply.redirect(BASE, 303);
    const configured = services.config.adminCredentials !== undefined;
    return send(reply, ctx, { title: 'Sign in to the console', body: signInBody(ctx.csrf, configured) });
  });

  app.post(urls.signIn, async (request, reply) => {
    const session = sessionOf(request, reply);
    const ctx = ctxOf(session);
    const form = formOf(request);
    if (!access.csrfValid(session, form.get('_csrf') ?? undefined)) {
      return refused(reply, ctx, 403, 'Form expired', 'The form was not sent from this console session. Open the sign-in page again.');
    }
    const key = access.checkCredentials(form.get('accessKeyId') ?? '', form.get('secretAccessKey') ?? '');
    if (key === undefined) {
      request.log.warn('console: a sign-in with wrong credentials');
      return send(reply, ctx, { title: 'Sign in to the console', body: signInBody(ctx.csrf, services.config.adminCredentials !== undefined) }, 401, {
        error: 'Wrong access key id or secret access key.',
      });
    }
    // A new session (a new cookie): nothing from before signing in carries over.
    setSession(request, reply, access.open(key, services.clock.now()));
    return reply.redirect(BASE, 303);
  });

  app.post(urls.signOut, async (request, reply) => {
    const session = sessionOf(request, reply);
    const ctx = ctxOf(session);
    if (!access.csrfValid(session, formOf(request).get('_csrf') ?? undefined)) {
      return refused(reply, ctx, 403, 'Form expired', 'The form was not sent from this console session.');
    }
    setSession(request, reply, undefined);
    return reply.redirect(access.production ? urls.signIn : BASE, 303);
  });

  // --- pools ---

  const POOLS_SHOWN = 60;
  get(BASE, async (ctx) => {
    const listed = await services.stores.pools.list(POOLS_SHOWN, undefined);
    return { title: 'User pools', body: poolsBody(listed.items, ctx.csrf, listed.next !== undefined) };
  });

  post(BASE, BASE, async (_ctx, _params, form) => {
    const input = validate(createUserPoolInput, {
      PoolName: field(form, 'PoolName') ?? '',
      ...(listField(form, 'UsernameAttributes').length ? { UsernameAttributes: listField(form, 'UsernameAttributes') } : {}),
      AutoVerifiedAttributes: listField(form, 'AutoVerifiedAttributes'),
      MfaConfiguration: field(form, 'MfaConfiguration') ?? 'OFF',
    });
    const { PoolName, ...config } = input;
    const pool = await createPool(services, PoolName, config);
    return { to: urls.pool(pool.id), notice: 'pool-created' };
  });

  const poolTrail = (pool: UserPool) => [
    { label: 'User pools', href: BASE },
    { label: pool.name, href: urls.pool(pool.id) },
  ];

  get(`${BASE}/pools/:poolId`, async (_ctx, params) => {
    const pool = await loadPool(services, params.poolId!);
    const [users, clients] = await Promise.all([services.stores.users.count(pool.id), services.stores.clients.list(pool.id, 60, undefined)]);
    return {
      title: pool.name,
      pool: { pool, section: 'settings' },
      trail: [{ label: 'User pools', href: BASE }],
      body: poolSettingsBody(pool, { users, clients: clients.items.length }),
    };
  });

  // --- app clients ---

  get(`${BASE}/pools/:poolId/clients`, async (ctx, params) => {
    const pool = await loadPool(services, params.poolId!);
    const clients = await services.stores.clients.list(pool.id, 60, undefined);
    return {
      title: `${pool.name}: app clients`,
      pool: { pool, section: 'clients' },
      trail: poolTrail(pool),
      body: clientsBody(pool.id, clients.items, ctx.csrf),
    };
  });

  const clientForm = z.object({ ClientName: clientName(), ...clientSettings });
  post(`${BASE}/pools/:poolId/clients`, `${BASE}/pools/:poolId/clients`, async (_ctx, params, form) => {
    const pool = await loadPool(services, params.poolId!);
    const options = listField(form, 'options');
    const callbacks = (field(form, 'CallbackURLs') ?? '').split(/[\s,]+/).filter((u) => u !== '');
    const { ClientName, ...settings } = validate(clientForm, {
      ClientName: field(form, 'ClientName') ?? '',
      ExplicitAuthFlows: listField(form, 'ExplicitAuthFlows'),
      PreventUserExistenceErrors: options.includes('PreventUserExistenceErrors') ? 'ENABLED' : 'LEGACY',
      ...(callbacks.length ? { CallbackURLs: callbacks } : {}),
    });
    await createClient(services, pool, ClientName, settings, options.includes('GenerateSecret'));
    return { to: urls.clients(pool.id), notice: 'client-created' };
  });

  // --- users ---

  const USERS_SHOWN = 50;
  get(`${BASE}/pools/:poolId/users`, async (ctx, params, query) => {
    const pool = await loadPool(services, params.poolId!);
    const filterText = query.filter ?? '';
    let users: Awaited<ReturnType<typeof listUsers>> = { items: [], next: undefined };
    let error: string | undefined;
    try {
      users = await listUsers(services, pool, parseUserFilter(filterText), USERS_SHOWN, query.after || undefined);
    } catch (e) {
      if (!(e instanceof CognitoError)) throw e;
      error = `${e.type}: ${e.message}`;
    }
    const body = usersBody(pool.id, users.items, filterText, ctx.csrf, users.next);
    return {
      title: `${pool.name}: users`,
      pool: { pool, section: 'users' },
      trail: poolTrail(pool),
      body: error ? `<p class="error" role="alert">${esc(error)}</p>${body}` : body,
    };
  });

  post(`${BASE}/pools/:poolId/users`, `${BASE}/pools/:poolId/users`, async (_ctx, params, form) => {
    const pool = await loadPool(services, params.poolId!);
    const options = listField(form, 'options');
    const email = field(form, 'email');
    const phone = field(form, 'phone_number');
    const attributes = [
      ...(email ? [{ Name: 'email', Value: email }] : []),
      ...(email && options.includes('email_verified') ? [{ Name: 'email_verified', Value: 'true' }] : []),
      ...(phone ? [{ Name: 'phone_number', Value: phone }] : []),
    ];
    const input = validate(z.object({ Username: shapes.username(), UserAttributes: shapes.attributeList(), TemporaryPassword: shapes.password().optional() }), {
      Username: field(form, 'Username') ?? '',
      UserAttributes: attributes,
      ...(form.get('TemporaryPassword') ? { TemporaryPassword: form.get('TemporaryPassword') } : {}),
    });
    const user = await adminCreateUser(services, pool, {
      username: input.Username,
      attributes: input.UserAttributes,
      validationData: undefined,
      temporaryPassword: input.TemporaryPassword,
      forceAliasCreation: false,
      messageAction: options.includes('SUPPRESS') ? 'SUPPRESS' : undefined,
      deliveryMediums: undefined,
      clientMetadata: undefined,
    });
    return { to: urls.user(pool.id, user.username), notice: 'user-created' };
  });

  const EVENTS_SHOWN = 25;
  const USER_PAGE = `${BASE}/pools/:poolId/users/:username`;
  get(USER_PAGE, async (ctx, params) => {
    const pool = await loadPool(services, params.poolId!);
    const user = await loadUser(services, pool, params.username!);
    const [groups, allGroups, devices, passkeys, events] = await Promise.all([
      groupsOfUser(services, pool, user),
      listGroups(services, pool, 60, undefined),
      listUserDevices(services, pool, user, 'admin', 60, undefined),
      listPasskeys(services, pool, user, 20, undefined),
      listAuthEvents(services, pool, user, EVENTS_SHOWN, undefined),
    ]);
    return {
      title: `User ${user.username}`,
      pool: { pool, section: 'users' },
      trail: [...poolTrail(pool), { label: 'Users', href: urls.users(pool.id) }],
      body: userBody({
        poolId: pool.id,
        user,
        groups,
        allGroups: allGroups.items,
        devices: devices.items,
        passkeys: passkeys.items,
        events: events.items,
        csrf: ctx.csrf,
      }),
    };
  });

  /** A user action: loads the pool and the user, acts, and comes back to the user's page. */
  const userAction = (
    action: string,
    notice: keyof typeof NOTICES,
    act: (pool: UserPool, user: Awaited<ReturnType<typeof loadUser>>, form: URLSearchParams) => Promise<void>,
    to?: (pool: UserPool) => string,
  ) =>
    post(`${USER_PAGE}/${action}`, USER_PAGE, async (_ctx, params, form) => {
      const pool = await loadPool(services, params.poolId!);
      const user = await loadUser(services, pool, params.username!);
      await act(pool, user, form);
      return { to: to ? to(pool) : urls.user(pool.id, user.username), notice };
    });

  userAction('enable', 'user-enabled', (pool, user) => enableUser(services, pool, user));
  userAction('disable', 'user-disabled', (pool, user) => disableUser(services, pool, user));
  userAction('reset-password', 'password-reset', (pool, user) => adminResetUserPassword(services, pool, user, undefined));
  userAction(
    'delete',
    'user-deleted',
    (pool, user) => deleteUser(services, pool, user, { revokeSessions: false }),
    (pool) => urls.users(pool.id),
  );
  userAction('groups/add', 'group-added', async (pool, user, form) => addToGroup(services, await loadGroup(services, pool, form.get('group') ?? ''), user));
  userAction('groups/remove', 'group-removed', async (pool, user, form) =>
    removeFromGroup(services, await loadGroup(services, pool, form.get('group') ?? ''), user),
  );
  userAction('devices/forget', 'device-forgotten', async (pool, user, form) =>
    forgetDevice(services, await loadUserDevice(services, pool, user, form.get('device') ?? '')),
  );
  userAction('passkeys/delete', 'passkey-deleted', (pool, user, form) => deletePasskey(services, pool, user, form.get('credential') ?? ''));
  userAction('software-token/delete', 'software-token-deleted', (pool, user) => deleteSoftwareToken(services, pool, user));

  // --- sign-ins: the list (a live fragment) and each event's timeline ---

  get(`${USER_PAGE}/sign-ins`, async (_ctx, params) => {
    const pool = await loadPool(services, params.poolId!);
    const user = await loadUser(services, pool, params.username!);
    const events = await listAuthEvents(services, pool, user, EVENTS_SHOWN, undefined);
    return { fragment: signInsList(pool.id, user.username, events.items) };
  });

  get(`${USER_PAGE}/sign-ins/:eventId`, async (_ctx, params, query) => {
    const pool = await loadPool(services, params.poolId!);
    const user = await loadUser(services, pool, params.username!);
    const event = await loadAuthEvent(services, pool, user, params.eventId!);
    if (query.part === 'timeline') return { fragment: eventTimeline(event), final: event.response !== 'InProgress' };
    return {
      title: `Sign-in of ${user.username}`,
      pool: { pool, section: 'users' },
      trail: [...poolTrail(pool), { label: 'Users', href: urls.users(pool.id) }, { label: user.username, href: urls.user(pool.id, user.username) }],
      body: eventBody(pool.id, user.username, event),
    };
  });

  // --- groups ---

  get(`${BASE}/pools/:poolId/groups`, async (ctx, params) => {
    const pool = await loadPool(services, params.poolId!);
    const groups = await listGroups(services, pool, 60, undefined);
    return { title: `${pool.name}: groups`, pool: { pool, section: 'groups' }, trail: poolTrail(pool), body: groupsBody(pool.id, groups.items, ctx.csrf) };
  });

  const groupForm = z.object({ GroupName: groupMembers.GroupName, Description: groupMembers.Description, Precedence: groupMembers.Precedence });
  post(`${BASE}/pools/:poolId/groups`, `${BASE}/pools/:poolId/groups`, async (_ctx, params, form) => {
    const pool = await loadPool(services, params.poolId!);
    const precedence = field(form, 'Precedence');
    const input = validate(groupForm, {
      GroupName: field(form, 'GroupName') ?? '',
      ...(field(form, 'Description') ? { Description: field(form, 'Description') } : {}),
      ...(precedence !== undefined ? { Precedence: /^\d+$/.test(precedence) ? Number(precedence) : precedence } : {}),
    });
    await createGroup(services, pool, input.GroupName, { description: input.Description, precedence: input.Precedence });
    return { to: urls.groups(pool.id), notice: 'group-created' };
  });

  post(`${BASE}/pools/:poolId/groups/delete`, `${BASE}/pools/:poolId/groups`, async (_ctx, params, form) => {
    const pool = await loadPool(services, params.poolId!);
    await deleteGroup(services, pool, form.get('GroupName') ?? '');
    return { to: urls.groups(pool.id), notice: 'group-deleted' };
  });

  // --- the outbox (local mode) ---

  get(`${BASE}/pools/:poolId/messages`, async (_ctx, params, query) => {
    if (!outbox()) throw fail('ResourceNotFoundException', 'The outbox is shown in local mode only: in production its codes belong to real people.');
    const pool = await loadPool(services, params.poolId!);
    const messages = await services.stores.outbox.listFor(pool.id, undefined);
    if (query.part === 'list') return { fragment: messagesList(pool.id, messages) };
    return { title: `${pool.name}: messages`, pool: { pool, section: 'messages' }, trail: poolTrail(pool), body: messagesBody(pool.id, messages) };
  });

  // --- domains and resource servers ---

  get(`${BASE}/pools/:poolId/oauth`, async (_ctx, params) => {
    const pool = await loadPool(services, params.poolId!);
    const [domains, resourceServers] = await Promise.all([services.stores.domains.ofPool(pool.id), services.stores.resourceServers.all(pool.id)]);
    return {
      title: `${pool.name}: domains and resource servers`,
      pool: { pool, section: 'oauth' },
      trail: poolTrail(pool),
      body: oauthBody(domains, resourceServers, services.config.region, services.baseUrl()),
    };
  });
}
