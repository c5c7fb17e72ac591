import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteContext } from '../app-deps.js';
import type { ZodApp } from '../zod-app.js';
import { webAppCspDirectives } from './content-security-policy.js';

/** Paths that belong to the API and operations; the app shell never answers them. */
const NOT_APP_PATHS = /^\/(v1|docs)(\/|$)|^\/(health|ready|metrics)$/;
/** A path segment of a built file: plain names, never `..` or a dotfile. */
const FILE_SEGMENT = /^[\w-][\w.-]*$/;

export function webAppBuilt(webDir: string): boolean {
  return existsSync(join(webDir, 'index.html'));
}

/**
 * Serves the built web app (packages/web, `vite build`) at `/`: hashed assets cached for a
 * year, the shell and the service worker revalidated on every load, and any other app path
 * (`/rules/42`) answered with the shell so links and reloads work. Static files only, so a CDN
 * in front (or instead) works the same. Without a build, `/` says how to make one.
 */
export async function registerWebAppRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  const { webDir } = ctx.config;
  const helmet = {
    contentSecurityPolicy: { useDefaults: false, directives: webAppCspDirectives(ctx.config.publicUrl) },
  };
  if (!webAppBuilt(webDir)) {
    app.log.warn({ webDir }, 'web app not built: `/` explains; run `npm run build -w @syncwell/web`');
    app.get('/', { helmet, schema: { hide: true } }, (_request, reply) =>
      reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SyncWell</title></head><body><h1>SyncWell</h1><p>The web app is not built. Run <code>npm run build -w @syncwell/web</code> (npm start does), then reload. The API is at <a href="/docs">/docs</a>.</p></body></html>',
        ),
    );
    return;
  }
  // What the build holds at boot (files and folders); a rebuild with new entries needs a restart.
  const topLevelFiles = new Set(readdirSync(webDir));

  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root: webDir, serve: false, decorateReply: true });
    const shell = (reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });

    scope.get('/', { helmet, schema: { hide: true } }, (_request, reply) => shell(reply));
    scope.get<{ Params: { '*': string } }>('/*', { helmet, schema: { hide: true } }, (request, reply) => {
      const name = request.params['*'];
      const segments = name.split('/');
      if (segments.every((s) => FILE_SEGMENT.test(s)) && topLevelFiles.has(segments[0] ?? '')) {
        // Content-hashed names under assets/: a new build has new names, so a year is safe.
        if (segments[0] === 'assets') return reply.sendFile(name, { maxAge: '365d', immutable: true });
        return reply.header('cache-control', 'no-cache').sendFile(name, { cacheControl: false });
      }
      if (isAppNavigation(request)) return shell(reply);
      reply.callNotFound();
      return reply;
    });
  });
}

function isAppNavigation(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return !NOT_APP_PATHS.test(path) && (request.headers.accept ?? '').includes('text/html');
}
