import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';

/**
 * Who may reach a route, decided on the route the router matched, never on the URL as sent: the
 * router decodes `%61pi`, strips `http://host` of an absolute-form request and ignores the query,
 * so any check made on the raw URL sees a different path than the one dispatched.
 *
 * - `login` (every route that says nothing): a session or an API token.
 * - `open`: anyone. Health, onboarding, login, the dashboard's files, and routes that apply their
 *   own rule (the metrics scrape).
 * - `handshake`: a socket route (live socket, GraphQL subscriptions). A request that really
 *   arrived as a WebSocket upgrade authenticates inside its handshake; the same route asked over
 *   plain HTTP (GraphQL queries by GET) needs a login like any other.
 */
export type RouteAccess = 'login' | 'open' | 'handshake';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Route options of a route anyone may reach: `app.get(url, OPEN_ROUTE, handler)`. */
export const OPEN_ROUTE = { config: { access: 'open' } } as const;

function isSocketRoute(route: RouteOptions): boolean {
  const methods = [route.method].flat();
  const upgradable = methods.includes('GET');
  return upgradable && ((route as { websocket?: boolean }).websocket === true || route.wsHandler !== undefined);
}

/**
 * Marks the socket routes registered from now on, by their shape (a WebSocket handler) rather than
 * their path, so that a new socket route is covered without being named here.
 */
export function markSocketRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && isSocketRoute(route)) route.config = { ...route.config, access: 'handshake' };
  });
}

/** Marks every route registered in this (encapsulated) scope as open: the dashboard's files. */
export function openEveryRoute(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: 'open' };
  });
}

/** What the matched route asks of this request. An unmatched request reaches only the not-found handler, which reveals nothing. */
export function accessOf(request: FastifyRequest): RouteAccess | 'not_found' {
  if (request.is404) return 'not_found';
  const access = request.routeOptions.config.access ?? 'login';
  // `request.ws` is set by @fastify/websocket only when the request came through the upgrade
  // path, i.e. when its WebSocket handler (not its HTTP one) is what will run.
  if (access === 'handshake') return request.ws === true ? 'handshake' : 'login';
  return access;
}

/**
 * The path the router sees for a URL: without the scheme and host of an absolute-form request,
 * without the query, percent-decoded. For answers about unmatched paths only; access to a matched
 * route is decided by its config.
 */
export function routedPath(url: string): string {
  let path = url;
  if (!path.startsWith('/')) {
    const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(path);
    path = absolute === null ? `/${path}` : path.slice(absolute[0].length) || '/';
  }
  path = path.split(/[?#]/, 1)[0] ?? '/';
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** The paths of the API (REST and GraphQL), for answers about unmatched paths. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/graphql' || path.startsWith('/graphql/');
}
