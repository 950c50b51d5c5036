import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, sendError } from '../http/api-error.js';
import { unauthenticated } from '../http/request-auth.js';
import { isApiPath, openEveryRoute, routedPath } from '../http/route-access.js';

/** ui/dist of this installation, found from this compiled file in dist/hub/api/. */
export const BUILT_UI_DIR = fileURLToPath(new URL('../../../ui/dist', import.meta.url));

/**
 * Files whose content is in their name (`app-6UQOFHBM.js`, and its `.br`/`.gz`): a new build gives
 * them new names.
 */
const HASHED_ASSET = /-[A-Z0-9]{8}\.(js|css)(\.br|\.gz)?$/;

/**
 * How long a browser may keep a file of the dashboard: the hashed scripts and styles for a year
 * without asking again, everything else (index.html, the service worker, the manifest and icons)
 * only after asking whether it changed, so a new build is seen on the next load.
 */
export function dashboardCacheControl(path: string): string {
  return HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hearth</title></head>
<body><h1>Hearth is running</h1><p>The dashboard is not built. Run <code>make run</code> (or build ui/) and reload this page.</p></body></html>`;

/**
 * The dashboard at `/`: files of ui/dist (the .br or .gz the build made beside each when the
 * browser accepts it), and its index.html for any other page path so that the
 * single-page app's own routes survive a reload. API paths that match nothing answer JSON: 404 to
 * those logged in, 401 to the anonymous (who learn nothing of which API paths exist).
 */
export async function registerStaticUi(app: FastifyInstance, uiDir: string): Promise<void> {
  const built = existsSync(`${uiDir}/index.html`);
  // The files are the login page itself: every route of this scope is open.
  await app.register(async (ui) => {
    openEveryRoute(ui);
    if (built) {
      await ui.register(fastifyStatic, {
        root: uiDir,
        prefix: '/',
        wildcard: true,
        index: ['index.html'],
        preCompressed: true,
        setHeaders: (reply, path) => void reply.header('cache-control', dashboardCacheControl(path)),
      });
    }
    else ui.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));

    ui.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
      const path = routedPath(request.url);
      if (isApiPath(path) && request.principal === null) return sendError(reply, unauthenticated());
      if (isApiPath(path) || (request.method !== 'GET' && request.method !== 'HEAD')) {
        return sendError(reply, new ApiError(404, 'not_found', `there is no ${request.method} ${path}`));
      }
      if (!built) return reply.code(404).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
      return reply.sendFile('index.html');
    });
  });
}
