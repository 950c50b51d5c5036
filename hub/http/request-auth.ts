import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Accounts } from '../accounts/accounts.js';
import type { Principal } from '../accounts/principal.js';
import type { Session } from '../accounts/session-store.js';
import { ApiError, sendError } from './api-error.js';
import { accessOf, markSocketRoutes } from './route-access.js';

export const SESSION_COOKIE = 'hearth_session';
/** The device cookie of past logins (hub/accounts/device-trust.ts): sent only to the login routes. */
export const DEVICE_COOKIE = 'hearth_device';
const DEVICE_COOKIE_PATH = '/api/v1/auth';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, once the auth hook has run; null for anonymous requests to open routes. */
    principal: Principal | null;
    /** The session behind a cookie-authenticated request. */
    session: Session | null;
    sessionId: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Who a request comes from: a bearer token, else the session cookie. */
export function authenticate(accounts: Accounts, request: FastifyRequest): { principal: Principal | null; session: Session | null; sessionId: string | null } {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match?.[1] === undefined ? undefined : accounts.byToken(match[1]);
    if (principal === undefined) throw new ApiError(401, 'invalid_token', 'the API token is not valid or was revoked');
    return { principal, session: null, sessionId: null };
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  if (sessionId === undefined || sessionId === '') return { principal: null, session: null, sessionId: null };
  const found = accounts.bySession(sessionId);
  return found === undefined ? { principal: null, session: null, sessionId: null } : { principal: found.principal, session: found.session, sessionId };
}

/**
 * Authenticates every request and refuses anonymous ones to routes that need a login, deciding on
 * the route the router matched (route-access.ts), whatever the URL's encoding or form. Refuses
 * cookie-authenticated writes without the session's CSRF token (bearer tokens are not sent by
 * browsers on their own, so they need none). Register it after @fastify/websocket and before any
 * route.
 */
export function installAuthHook(app: FastifyInstance, accounts: Accounts): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionId', null);
  markSocketRoutes(app);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = accessOf(request);
    try {
      adopt(request, authenticate(accounts, request));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Open routes and unmatched paths answer anyone, so a stale credential is no reason to refuse
      // them; a socket handshake or a route behind login is refused for it.
      if (access === 'open' || access === 'not_found') return;
      return sendError(reply, error);
    }
    // Unmatched paths still know who asks: an unknown API path answers 401 to the anonymous.
    if (access !== 'login') return;
    if (request.principal === null) return sendError(reply, unauthenticated());
    if (request.session !== null && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, request.session.csrfToken)) {
        return sendError(reply, new ApiError(403, 'csrf_failed', `this change needs the ${CSRF_HEADER} header from /api/v1/me`));
      }
    }
  });
}

function adopt(request: FastifyRequest, found: ReturnType<typeof authenticate>): void {
  request.principal = found.principal;
  request.session = found.session;
  request.sessionId = found.sessionId;
}

export const unauthenticated = (): ApiError => new ApiError(401, 'unauthenticated', 'log in first, or send an API token');

/** The principal of an authenticated route (the hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw unauthenticated();
  return request.principal;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string, maxAgeMs: number): void {
  void reply.setCookie(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.protocol === 'https',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeMs: number): void {
  void reply.setCookie(DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: DEVICE_COOKIE_PATH,
    secure: request.protocol === 'https',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https' });
}
