import { systemClock } from '@syncwell/core';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { createSessionService } from '../auth/session-service.js';
import { SessionGate } from '../auth/session-gate.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { ApiRateLimits, DEFAULT_API_RATE_LIMITS, installApiRateLimits } from './api-rate-limits.js';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import type { AppDeps, RouteContext } from './app-deps.js';
import { installErrorHandling } from './error-handler.js';
import { clientErrorHandler, frameworkErrors } from './framework-errors.js';
import { installJsonBodyParser } from './json-body-parser.js';
import { bearerAuthHook } from './request-user.js';
import { registerBackfillRoutes } from './routes/backfill-routes.js';
import { registerConflictRoutes } from './routes/conflict-routes.js';
import { registerConnectionRoutes } from './routes/connection-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerInsightsRoutes } from './routes/insights-routes.js';
import { registerNotificationRoutes } from './routes/notification-routes.js';
import { registerNotificationPreferenceRoutes } from './routes/notification-preference-routes.js';
import { registerPushSubscriptionRoutes } from './routes/push-subscription-routes.js';
import { registerDeviceRoutes } from './routes/device-routes.js';
import { registerOAuthCallbackRoute } from './routes/oauth-callback-route.js';
import { registerProviderRoutes } from './routes/provider-routes.js';
import { registerRuleRoutes } from './routes/rule-routes.js';
import { registerRuleSyncRoute } from './routes/rule-sync-route.js';
import { registerRunRoutes } from './routes/run-routes.js';
import { registerSessionRoutes } from './routes/session-routes.js';
import { registerUserRoutes } from './routes/user-routes.js';
import { registerUserExportRoute } from './routes/user-export-route.js';
import { registerWebhookRoutes } from './routes/webhook-routes.js';
import { registerRunEventsRoute } from './routes/run-events-route.js';
import { registerServerInfoRoute } from './routes/server-info-route.js';
import { registerBrowserSessionRoutes } from './browser-session/browser-session-routes.js';
import { registerWebAppRoutes } from './web-app/web-app-routes.js';
import { installHttpObservability } from '../observability/http-observability.js';

const JSON_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The v1 HTTP API (DESIGN §10) as a ready Fastify instance; the caller listens or injects.
 *
 * @example
 *   const app = await buildApp({ config, store, vault, queue, providers, jwtSecret, logger, readiness, onWebhookEvents });
 *   await app.listen({ port: config.port, host: config.host });
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    // Fastify's own request lines carry URLs with query strings (OAuth codes); ours carry routes.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
    // Refusals raised before routing speak the catalogue too, and never echo the input.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  if (deps.observability !== undefined) installHttpObservability(app, deps.observability);
  const now = deps.now ?? systemClock.now;
  const apiCoordination = deps.coordination ?? new MemoryCoordination(() => now().getTime());
  const limits =
    deps.apiRateLimits === 'off'
      ? null
      : new ApiRateLimits(
          apiCoordination.rateLimiter,
          deps.apiRateLimits ?? DEFAULT_API_RATE_LIMITS,
          deps.now,
        );
  installApiRateLimits(app, limits);
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
    done();
  });

  await app.register(fastifyHelmet, { contentSecurityPolicy: false });
  // A JSON API: only JSON bodies parse (webhooks keep raw bytes in their own scope). Form and
  // text bodies are 415, so a page on another site cannot post a form (login CSRF) without a
  // CORS preflight, which this API never grants.
  app.removeContentTypeParser('text/plain');
  installJsonBodyParser(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'SyncWell API',
        version: '1.0.0',
        description: 'Health-data sync: accounts, connections, rules, runs.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          device: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: '`Device <credential>` from `POST /v1/device/devices`',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const gate = new SessionGate(deps.store, apiCoordination.cache, now);
  const requireUser = bearerAuthHook(deps.jwtSecret, gate, limits, now);
  // Marks bearer-protected routes in the OpenAPI document, derived from the hook itself so the
  // docs cannot drift from what is enforced.
  app.addHook('onRoute', (route) => {
    const hooks = [route.onRequest ?? []].flat();
    if (hooks.includes(requireUser)) route.schema = { ...route.schema, security: [{ bearer: [] }] };
  });
  const ctx: RouteContext = {
    ...deps,
    now,
    requireUser,
    apiCoordination,
    loginThrottle: new LoginThrottle(apiCoordination.cache, now),
    sessions: createSessionService({
      store: deps.store,
      jwtSecret: deps.jwtSecret,
      gate,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.passwordCost ? { passwordCost: deps.passwordCost } : {}),
    }),
  };
  registerHealthRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerUserExportRoute(app, ctx);
  registerSessionRoutes(app, ctx);
  registerProviderRoutes(app, ctx);
  registerConnectionRoutes(app, ctx);
  registerOAuthCallbackRoute(app, ctx);
  registerRuleRoutes(app, ctx);
  registerRuleSyncRoute(app, ctx);
  registerRunRoutes(app, ctx);
  registerBackfillRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerPushSubscriptionRoutes(app, ctx);
  registerDeviceRoutes(app, ctx);
  registerNotificationPreferenceRoutes(app, ctx);
  registerConflictRoutes(app, ctx);
  registerInsightsRoutes(app, ctx);
  await registerWebhookRoutes(app, ctx);
  registerRunEventsRoute(app, ctx);
  registerServerInfoRoute(app, ctx);
  await registerBrowserSessionRoutes(app, ctx);
  await registerWebAppRoutes(app, ctx);

  await app.ready();
  return app;
}
