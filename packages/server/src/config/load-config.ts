import { resolve } from 'node:path';
import { z } from 'zod';
import type { ProviderFacts, ProviderId } from '@syncwell/core';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { LOG_LEVELS, type AppConfig, type ConfiguredProvider } from './app-config.js';
import { ConfigError } from './config-error.js';
import { parseNotificationChannels } from './notification-config.js';
import {
  caseInsensitiveEnum,
  demoLinks,
  intInRange,
  optionalIntInRange,
  optionalHttpUrl,
  optionalServiceUrl,
  optionalText,
  portWithDefault,
  textWithDefault,
} from './env-fields.js';

const PROVIDER_SETTINGS = {
  clientId: 'CLIENT_ID',
  clientSecret: 'CLIENT_SECRET',
  apiUrl: 'API_URL',
  authorizeUrl: 'AUTHORIZE_URL',
  tokenUrl: 'TOKEN_URL',
  webhookVerifyToken: 'WEBHOOK_VERIFY_TOKEN',
  webhookSecret: 'WEBHOOK_SECRET',
  pollIntervalMs: 'POLL_INTERVAL_MS',
} as const;
type ProviderSettingKey = keyof typeof PROVIDER_SETTINGS;

/** `SYNCWELL_POLAR_CLIENT_ID`, `SYNCWELL_GOOGLE_HEALTH_TOKEN_URL`, ... */
export function providerEnvName(provider: ProviderId, key: ProviderSettingKey): string {
  return `SYNCWELL_${provider.toUpperCase()}_${PROVIDER_SETTINGS[key]}`;
}

const baseSchema = z.object({
  PORT: portWithDefault(8080),
  HOST: textWithDefault('127.0.0.1'),
  PUBLIC_URL: optionalHttpUrl(),
  SYNCWELL_DATA_DIR: textWithDefault('./data'),
  SYNCWELL_MASTER_KEY: optionalText(),
  LOG_LEVEL: caseInsensitiveEnum(LOG_LEVELS, 'info'),
  DATABASE_URL: optionalServiceUrl(['postgres:', 'postgresql:']),
  REDIS_URL: optionalServiceUrl(['redis:', 'rediss:']),
  SYNCWELL_REDIS_PREFIX: textWithDefault('sw'),
  SYNCWELL_WORKER_CONCURRENCY: intInRange(200, 1, 10_000),
  SYNCWELL_SHUTDOWN_DEADLINE_MS: intInRange(25_000, 0, 600_000),
  SYNCWELL_RULE_LOCK_MS: intInRange(60_000, 1_000, 3_600_000),
  SYNCWELL_JOB_LOCK_MS: intInRange(30_000, 500, 600_000),
  SYNCWELL_API_RATE_LIMITS: caseInsensitiveEnum(['on', 'off'], 'on'),
  // Relative to the working directory: `npm start` runs from the repository root.
  SYNCWELL_WEB_DIR: textWithDefault('packages/web/dist'),
  SYNCWELL_DEMO_LINKS: demoLinks(),
});

function providerSchema(provider: ProviderId) {
  const url = optionalHttpUrl();
  const text = optionalText();
  return z.object({
    [providerEnvName(provider, 'clientId')]: text,
    [providerEnvName(provider, 'clientSecret')]: text,
    [providerEnvName(provider, 'apiUrl')]: url,
    [providerEnvName(provider, 'authorizeUrl')]: url,
    [providerEnvName(provider, 'tokenUrl')]: url,
    [providerEnvName(provider, 'webhookVerifyToken')]: text,
    [providerEnvName(provider, 'webhookSecret')]: text,
    [providerEnvName(provider, 'pollIntervalMs')]: optionalIntInRange(1, 60_000),
  });
}

/**
 * Parses the environment once at boot into a frozen `AppConfig`. `knownProviders` are the facts
 * of every provider module this build ships; a provider becomes configured when both its
 * `SYNCWELL_<ID>_CLIENT_ID` and `_CLIENT_SECRET` are set, with URLs defaulting to its facts.
 * Throws `ConfigError` (SW_CONFIG_INVALID) whose one-line message names the bad setting.
 *
 * @example
 *   const config = loadConfig(process.env); // every provider module this build ships
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  knownProviders: readonly ProviderFacts[] = [...PROVIDER_MODULES.values()].map((module) => module.facts),
): AppConfig {
  const base = parseOrThrow(baseSchema, env);
  const providers = new Map<ProviderId, ConfiguredProvider>();
  const publicUrl = base.PUBLIC_URL ?? `http://127.0.0.1:${base.PORT}`;
  for (const facts of knownProviders) {
    const configured = configuredProvider(facts, parseOrThrow(providerSchema(facts.id), env), publicUrl);
    if (configured !== undefined) providers.set(facts.id, configured);
  }
  return Object.freeze({
    port: base.PORT,
    host: base.HOST,
    publicUrl,
    dataDir: resolve(base.SYNCWELL_DATA_DIR),
    masterKey: base.SYNCWELL_MASTER_KEY,
    logLevel: base.LOG_LEVEL,
    providers,
    databaseUrl: base.DATABASE_URL,
    redisUrl: base.REDIS_URL,
    redisPrefix: base.SYNCWELL_REDIS_PREFIX,
    workerConcurrency: base.SYNCWELL_WORKER_CONCURRENCY,
    shutdownDeadlineMs: base.SYNCWELL_SHUTDOWN_DEADLINE_MS,
    ruleLockMs: base.SYNCWELL_RULE_LOCK_MS,
    jobLockMs: base.SYNCWELL_JOB_LOCK_MS,
    apiRateLimits: base.SYNCWELL_API_RATE_LIMITS,
    webDir: resolve(base.SYNCWELL_WEB_DIR),
    demoLinks: base.SYNCWELL_DEMO_LINKS,
    notifications: parseNotificationChannels(env),
  });
}

function configuredProvider(
  facts: ProviderFacts,
  values: Record<string, string | number | undefined>,
  publicUrl: string,
): ConfiguredProvider | undefined {
  const read = (key: Exclude<ProviderSettingKey, 'pollIntervalMs'>): string | undefined => {
    const value = values[providerEnvName(facts.id, key)];
    return typeof value === 'string' ? value : undefined;
  };
  const clientId = read('clientId');
  const clientSecret = read('clientSecret');
  if (clientId === undefined && clientSecret === undefined) return undefined;
  // Half a credential pair is always a mistake; failing now beats a confusing OAuth error later.
  if (clientId === undefined)
    throw new ConfigError(providerEnvName(facts.id, 'clientId'), 'is required when the client secret is set');
  if (clientSecret === undefined)
    throw new ConfigError(providerEnvName(facts.id, 'clientSecret'), 'is required when the client id is set');
  const webhookVerifyToken = read('webhookVerifyToken');
  const webhookSigningSecret = read('webhookSecret');
  const pollIntervalMs = values[providerEnvName(facts.id, 'pollIntervalMs')] as number | undefined;
  return Object.freeze({
    id: facts.id,
    clientId,
    clientSecret,
    baseUrls: Object.freeze({
      api: read('apiUrl') ?? facts.defaultBaseUrls.api,
      authorize: read('authorizeUrl') ?? facts.defaultBaseUrls.authorize,
      token: read('tokenUrl') ?? facts.defaultBaseUrls.token,
    }),
    webhookCallbackUrl: `${publicUrl}/v1/webhooks/${facts.id}`,
    ...(webhookVerifyToken === undefined ? {} : { webhookVerifyToken }),
    ...(webhookSigningSecret === undefined ? {} : { webhookSigningSecret }),
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
  });
}

function parseOrThrow<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const setting = typeof issue?.path[0] === 'string' ? issue.path[0] : 'environment';
  throw new ConfigError(setting, issue?.message ?? 'is invalid');
}
