import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProviderFacts } from '@syncwell/core';
import { oauthRedirectUri } from './app-config.js';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';
import { createProviderBundles } from './provider-bundles.js';
import { PROVIDER_MODULES } from '@syncwell/providers';

const facts = (id: 'polar' | 'google_health'): ProviderFacts => ({
  id,
  displayName: id,
  defaultBaseUrls: {
    api: `https://${id}.example/api`,
    authorize: `https://${id}.example/auth`,
    token: `https://${id}.example/token`,
  },
  auth: {
    kind: 'oauth2',
    scopes: [],
    scopeSeparator: ' ',
    pkce: 'none',
    clientAuth: 'basic',
    refresh: 'none',
    accessTokenLifetimeSeconds: null,
  },
  capabilities: { readable: ['workout'], writable: [], push: 'webhook', backfillWindowDays: 30 },
  rateLimits: [],
  terms: { ownerOnly: false, excludeFromTraining: false },
});
const KNOWN = [facts('polar'), facts('google_health')];

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, KNOWN);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults and freezes the result', () => {
    const config = loadConfig({}, KNOWN);
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:8080',
      logLevel: 'info',
    });
    expect(config.dataDir).toBe(resolve('./data'));
    expect(config.masterKey).toBeUndefined();
    expect(config.providers.size).toBe(0);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads explicit values and derives the redirect URI from PUBLIC_URL', () => {
    const config = loadConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        PUBLIC_URL: 'https://sync.example.org/',
        LOG_LEVEL: 'DEBUG',
        SYNCWELL_MASTER_KEY: 'k',
      },
      KNOWN,
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      publicUrl: 'https://sync.example.org',
      logLevel: 'debug',
      masterKey: 'k',
    });
    expect(oauthRedirectUri(config, 'polar')).toBe('https://sync.example.org/v1/oauth/polar/callback');
  });

  it('defaults PUBLIC_URL to the chosen port', () => {
    expect(loadConfig({ PORT: '8123' }, KNOWN).publicUrl).toBe('http://127.0.0.1:8123');
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: ' ', SYNCWELL_POLAR_CLIENT_ID: '' }, KNOWN).port).toBe(8080);
  });

  it('configures a provider generically from SYNCWELL_<ID>_* with URL defaults from its facts', () => {
    const config = loadConfig(
      {
        SYNCWELL_GOOGLE_HEALTH_CLIENT_ID: 'id',
        SYNCWELL_GOOGLE_HEALTH_CLIENT_SECRET: 'secret',
        SYNCWELL_GOOGLE_HEALTH_API_URL: 'http://127.0.0.1:7001/api/',
        SYNCWELL_GOOGLE_HEALTH_WEBHOOK_VERIFY_TOKEN: 'vt',
        SYNCWELL_GOOGLE_HEALTH_WEBHOOK_SECRET: 'ws',
      },
      KNOWN,
    );
    expect([...config.providers.keys()]).toEqual(['google_health']);
    expect(config.providers.get('google_health')).toEqual({
      id: 'google_health',
      clientId: 'id',
      clientSecret: 'secret',
      baseUrls: {
        api: 'http://127.0.0.1:7001/api',
        authorize: 'https://google_health.example/auth',
        token: 'https://google_health.example/token',
      },
      // Where per-user subscriptions (Withings Notify) point: our webhook route under PUBLIC_URL.
      webhookCallbackUrl: 'http://127.0.0.1:8080/v1/webhooks/google_health',
      webhookVerifyToken: 'vt',
      webhookSigningSecret: 'ws',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '0' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://example.org/?x=1' }, 'PUBLIC_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SYNCWELL_POLAR_CLIENT_ID: 'id' }, 'SYNCWELL_POLAR_CLIENT_SECRET'],
    [{ SYNCWELL_POLAR_CLIENT_SECRET: 's' }, 'SYNCWELL_POLAR_CLIENT_ID'],
    [
      { SYNCWELL_POLAR_CLIENT_ID: 'i', SYNCWELL_POLAR_CLIENT_SECRET: 's', SYNCWELL_POLAR_TOKEN_URL: 'nope' },
      'SYNCWELL_POLAR_TOKEN_URL',
    ],
    [{ SYNCWELL_POLAR_AUTHORIZE_URL: 'javascript:alert(1)' }, 'SYNCWELL_POLAR_AUTHORIZE_URL'],
  ])('rejects %o naming %s in one line', (env, setting) => {
    const error = configError(env);
    expect(error.code).toBe('SW_CONFIG_INVALID');
    expect(error.setting).toBe(setting);
    expect(error.message).toContain(setting);
    expect(error.message).not.toContain('\n');
  });

  it('never echoes the offending value, which may be a secret', () => {
    const error = configError({
      SYNCWELL_POLAR_CLIENT_ID: 'id',
      SYNCWELL_POLAR_TOKEN_URL: 'secret-looking-value',
    });
    expect(error.message).not.toContain('secret-looking-value');
  });

  it('knows the shipped provider modules by default and builds bundles only for configured ones', () => {
    const config = loadConfig({ SYNCWELL_STRAVA_CLIENT_ID: 'id', SYNCWELL_STRAVA_CLIENT_SECRET: 'secret' });
    expect([...config.providers.keys()]).toEqual(['strava']);
    expect(config.providers.get('strava')?.baseUrls.token).toMatch(/^https:\/\//);
    const bundles = createProviderBundles(config);
    expect([...bundles.keys()]).toEqual(['strava']);
    expect(bundles.get('strava')?.data.facts.id).toBe('strava');
    expect(() => loadConfig({ SYNCWELL_POLAR_API_URL: 'nope' })).toThrow(ConfigError);
  });
});

describe('loadConfig: production settings', () => {
  const facts = [...PROVIDER_MODULES.values()].map((m) => m.facts);

  it('takes DATABASE_URL, REDIS_URL and worker settings', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://syncwell:pw@db.internal:5432/syncwell',
        REDIS_URL: 'redis://cache.internal:6379/0',
        SYNCWELL_WORKER_CONCURRENCY: '500',
        SYNCWELL_STRAVA_CLIENT_ID: '1',
        SYNCWELL_STRAVA_CLIENT_SECRET: 's',
        SYNCWELL_STRAVA_POLL_INTERVAL_MS: '25',
      },
      facts,
    );
    expect(config.databaseUrl).toBe('postgres://syncwell:pw@db.internal:5432/syncwell');
    expect(config.redisUrl).toBe('redis://cache.internal:6379/0');
    expect(config.workerConcurrency).toBe(500);
    expect(config.providers.get('strava')?.pollIntervalMs).toBe(25);
  });

  it.each([
    ['DATABASE_URL', 'mysql://db/x'],
    ['DATABASE_URL', 'not a url with secret-pw'],
    ['REDIS_URL', 'http://cache:6379'],
    ['SYNCWELL_WORKER_CONCURRENCY', '-3'],
    ['SYNCWELL_SHUTDOWN_DEADLINE_MS', 'soon'],
  ])('names %s when it is malformed, without echoing the value', (setting, value) => {
    const attempt = () => loadConfig({ [setting]: value }, facts);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^Invalid configuration: ${setting} `));
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain(value);
    }
  });
});

describe('loadConfig: the web app', () => {
  it('serves packages/web/dist from the working directory by default, or SYNCWELL_WEB_DIR', () => {
    expect(loadConfig({}, KNOWN).webDir).toBe(resolve('packages/web/dist'));
    expect(loadConfig({ SYNCWELL_WEB_DIR: '/srv/syncwell-web' }, KNOWN).webDir).toBe('/srv/syncwell-web');
  });

  it('reads demo links as JSON and refuses anything but http(s) URLs with labels', () => {
    expect(loadConfig({}, KNOWN).demoLinks).toEqual([]);
    const links = [{ label: 'What Strava received', url: 'http://127.0.0.1:9000/demo/received' }];
    expect(loadConfig({ SYNCWELL_DEMO_LINKS: JSON.stringify(links) }, KNOWN).demoLinks).toEqual(links);
    for (const bad of [
      'not json',
      '[{"label":"x","url":"javascript:alert(1)"}]',
      '[{"url":"http://a.b/"}]',
    ]) {
      expect(configError({ SYNCWELL_DEMO_LINKS: bad }).message).toMatch(
        /^Invalid configuration: SYNCWELL_DEMO_LINKS /,
      );
    }
  });
});
